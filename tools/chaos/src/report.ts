// The chaos run's report: recovery time after each fault, figures per second, and a
// self-contained HTML page (inline SVG, no scripts fetched from anywhere) with the timeline:
// faults as bands, successful and failed requests per second, accepted checkouts per second.
import type { FaultEvent, History, RequestEvent } from './history';
import type { InvariantResult } from './invariants';

export interface Fault {
  readonly id: number;
  readonly kind: string;
  readonly target: string;
  readonly startedAt: number;
  readonly healedAt: number;
  readonly detail?: string;
  /** From the heal to the first of 3 seconds in a row with answers and no failure; undefined if never. */
  readonly recoveryMs?: number;
  /**
   * From the heal until every order placed during the fault was final (the saga caught up);
   * 0 when they all were by then, undefined when none was placed during it.
   */
  readonly sagaCaughtUpMs?: number;
}

/** An order's life, ms since the run started (from orders' own timestamps). */
export interface OrderTimes {
  readonly createdAt: number;
  readonly finalAt: number;
}

export interface Second {
  readonly t: number;
  readonly ok: number;
  readonly failed: number;
  readonly accepted: number;
}

/** A request failed when it got no answer or a 5xx (4xx are the client's own doing). */
const failed = (r: RequestEvent) => r.status === 0 || r.status >= 500;

export function perSecond(history: History): Second[] {
  const requests = history.requests();
  const end = Math.ceil(Math.max(0, ...requests.map((r) => r.at + r.ms)) / 1000);
  const seconds = Array.from({ length: end + 1 }, (_, t) => ({ t, ok: 0, failed: 0, accepted: 0 }));
  for (const r of requests) {
    const s = seconds[Math.floor((r.at + r.ms) / 1000)];
    if (failed(r)) s.failed++;
    else s.ok++;
    if (r.status === 202) s.accepted++;
  }
  return seconds;
}

export function faultsOf(
  history: History,
  seconds: Second[],
  orders: readonly OrderTimes[] = [],
): Fault[] {
  const events = history.faults();
  const starts = events.filter((e) => e.phase === 'start');
  return starts.map((start) => {
    const healed = events.find((e: FaultEvent) => e.phase === 'healed' && e.id === start.id);
    const healedAt = healed?.at ?? history.now();
    let recoveryMs: number | undefined;
    const from = Math.floor(healedAt / 1000);
    for (let t = from; t + 2 < seconds.length; t++) {
      const run = seconds.slice(t, t + 3);
      if (run.every((s) => s.failed === 0 && s.ok > 0)) {
        recoveryMs = Math.max(0, t * 1000 - healedAt);
        break;
      }
    }
    const during = orders.filter((o) => o.createdAt >= start.at && o.createdAt <= healedAt);
    const sagaCaughtUpMs =
      during.length === 0
        ? undefined
        : Math.max(0, Math.max(...during.map((o) => o.finalAt)) - healedAt);
    return {
      id: start.id,
      kind: start.kind,
      target: start.target,
      startedAt: start.at,
      healedAt,
      detail: healed?.detail ?? start.detail,
      recoveryMs,
      sagaCaughtUpMs,
    };
  });
}

export function percentile(xs: number[], p: number): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

const COLORS: Record<string, string> = {
  kill: '#e4572e',
  'kill-all': '#a4161a',
  pause: '#f3a712',
  latency: '#29335c',
  cut: '#7b2cbf',
  partition: '#3a86ff',
};

export function htmlReport(input: {
  readonly title: string;
  readonly seed: number;
  readonly summary: string[];
  readonly seconds: Second[];
  readonly faults: Fault[];
  readonly invariants: InvariantResult[];
}): string {
  const { seconds, faults } = input;
  const width = 1100;
  const height = 320;
  const pad = { left: 50, right: 20, top: 20, bottom: 40 };
  const span = Math.max(1, seconds.length);
  const top = Math.max(1, ...seconds.map((s) => Math.max(s.ok, s.failed)));
  const x = (t: number) => pad.left + (t / span) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  const line = (pick: (s: Second) => number) =>
    seconds
      .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.t).toFixed(1)},${y(pick(s)).toFixed(1)}`)
      .join(' ');
  const bands = faults
    .map(
      (f) =>
        `<rect x="${x(f.startedAt / 1000).toFixed(1)}" y="${pad.top}" width="${Math.max(2, x(f.healedAt / 1000) - x(f.startedAt / 1000)).toFixed(1)}" height="${height - pad.top - pad.bottom}" fill="${COLORS[f.kind] ?? '#888'}" opacity="0.18"><title>#${f.id} ${escape(f.kind)} ${escape(f.target)}: ${(f.startedAt / 1000).toFixed(1)}-${(f.healedAt / 1000).toFixed(1)} s${f.recoveryMs !== undefined ? `, recovered ${(f.recoveryMs / 1000).toFixed(1)} s after` : ', did not recover in the run'}</title></rect>` +
        `<text x="${x(f.startedAt / 1000).toFixed(1)}" y="${pad.top - 6}" font-size="10" fill="${COLORS[f.kind] ?? '#888'}">${f.id}</text>`,
    )
    .join('\n');
  const ticks = Array.from({ length: Math.floor(span / 10) + 1 }, (_, i) => i * 10)
    .map(
      (t) =>
        `<text x="${x(t).toFixed(1)}" y="${height - pad.bottom + 16}" font-size="10" text-anchor="middle">${t}s</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="requests per second over the run, faults as bands">
<rect width="${width}" height="${height}" fill="#fff"/>
${bands}
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#333"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#333"/>
<text x="${pad.left - 6}" y="${pad.top + 8}" font-size="10" text-anchor="end">${top}/s</text>
${ticks}
<path d="${line((s) => s.ok)}" fill="none" stroke="#2a9d8f" stroke-width="1.5"/>
<path d="${line((s) => s.failed)}" fill="none" stroke="#d62828" stroke-width="1.5"/>
<path d="${line((s) => s.accepted)}" fill="none" stroke="#264653" stroke-width="1" stroke-dasharray="3,2"/>
</svg>`;
  const legend = `<p><span style="color:#2a9d8f">━ answered requests/s</span> · <span style="color:#d62828">━ failed (no answer or 5xx)/s</span> · <span style="color:#264653">┅ checkouts accepted (202)/s</span> · bands: ${Object.entries(
    COLORS,
  )
    .map(([k, c]) => `<span style="color:${c}">■ ${k}</span>`)
    .join(' ')}</p>`;
  const faultRows = faults
    .map(
      (f) =>
        `<tr><td>${f.id}</td><td>${escape(f.kind)}</td><td>${escape(f.target)}</td><td>${(f.startedAt / 1000).toFixed(1)}</td><td>${((f.healedAt - f.startedAt) / 1000).toFixed(1)}</td><td>${f.recoveryMs === undefined ? 'not within the run' : (f.recoveryMs / 1000).toFixed(1)}</td><td>${f.sagaCaughtUpMs === undefined ? '(none placed)' : (f.sagaCaughtUpMs / 1000).toFixed(1)}</td><td>${escape(f.detail ?? '')}</td></tr>`,
    )
    .join('\n');
  const invariantRows = input.invariants
    .map(
      (i) =>
        `<tr><td>${i.ok ? '✅ holds' : '❌ broken'}</td><td>${escape(i.name)}</td><td>${escape(i.figures)}${i.violations.length ? `<ul>${i.violations.map((v) => `<li>${escape(v)}</li>`).join('')}</ul>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(input.title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}</style>
</head><body>
<h1>${escape(input.title)}</h1>
<p>Seed <code>${input.seed}</code> (replay: <code>CHAOS_SEED=${input.seed} npm run chaos</code>, same settings).</p>
<ul>${input.summary.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>
<h2>Timeline</h2>
${svg}
${legend}
<h2>Invariants</h2>
<table><tr><th></th><th>invariant</th><th>figures</th></tr>
${invariantRows}
</table>
<h2>Faults</h2>
<table><tr><th>#</th><th>kind</th><th>target</th><th>at, s</th><th>lasted, s</th><th>requests answered again after the heal, s</th><th>orders placed during it all final after the heal, s</th><th>detail</th></tr>
${faultRows}
</table>
</body></html>
`;
}
