import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LatencyRecorder } from './latency-recorder';

export interface LoadResult {
  readonly scenario: string;
  readonly description: string;
  readonly target: string;
  readonly rate: number;
  readonly durationS: number;
  readonly sent: number;
  readonly elapsedS: number;
  readonly throughput: number;
  readonly latencyMs: ReturnType<LatencyRecorder['summary']>;
  readonly extra: Record<string, ReturnType<LatencyRecorder['summary']>>;
  readonly series: ReturnType<LatencyRecorder['series']>;
  readonly finishedAt: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export function summaryText(result: LoadResult): string {
  const { latencyMs: l } = result;
  const lines = [
    `scenario ${result.scenario} (${result.description}) against ${result.target}`,
    `offered ${result.rate}/s for ${result.durationS} s: sent ${result.sent}, completed ${l.count} in ${result.elapsedS.toFixed(1)} s → ${result.throughput.toFixed(1)}/s`,
    `latency from scheduled time: p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`,
    `errors: ${
      Object.keys(l.errors).length === 0
        ? 'none'
        : Object.entries(l.errors)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', ')
    }`,
  ];
  for (const [name, e] of Object.entries(result.extra)) {
    lines.push(
      `${name}: n=${e.count}  p50 ${ms(e.p50)}  p95 ${ms(e.p95)}  p99 ${ms(e.p99)}  max ${ms(e.max)}` +
        (Object.keys(e.errors).length ? `  errors ${JSON.stringify(e.errors)}` : ''),
    );
  }
  return lines.join('\n');
}

/** Writes `<name>.json` and `<name>.html` (an SVG chart of throughput and p50/p99 per second). */
export function writeResults(dir: string, result: LoadResult): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const name = `${result.finishedAt.replace(/[:.]/g, '-')}-${result.scenario}`;
  const json = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(html, chartHtml(result));
  return { json, html };
}

function chartHtml(result: LoadResult): string {
  const w = 900;
  const h = 300;
  const pad = 50;
  const series = result.series;
  const maxSecond = Math.max(1, ...series.map((s) => s.second));
  const maxLatency = Math.max(1, ...series.map((s) => s.p99));
  const maxCount = Math.max(1, ...series.map((s) => s.count));
  const x = (second: number) => pad + ((w - 2 * pad) * second) / maxSecond;
  const y = (value: number, max: number) => h - pad - ((h - 2 * pad) * value) / max;
  const line = (pick: (s: (typeof series)[number]) => number, max: number) =>
    series.map((s) => `${x(s.second).toFixed(1)},${y(pick(s), max).toFixed(1)}`).join(' ');
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(result.scenario)} load test</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}pre{background:#f6f6f6;padding:1rem}</style></head><body>
<h1>Load test: ${escape(result.scenario)}</h1>
<pre>${escape(summaryText(result))}</pre>
<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="latency per second">
<rect x="0" y="0" width="${w}" height="${h}" fill="#fff" stroke="#ccc"/>
<polyline fill="none" stroke="#999" stroke-width="1.5" points="${line((s) => s.count, maxCount)}"/>
<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((s) => s.p50, maxLatency)}"/>
<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line((s) => s.p99, maxLatency)}"/>
<text x="${pad}" y="20">p50 (blue) and p99 (red) per second, max ${maxLatency.toFixed(0)} ms; completions per second (grey), max ${maxCount}</text>
<text x="${pad}" y="${h - 10}">0 s</text><text x="${w - pad - 30}" y="${h - 10}">${maxSecond} s</text>
</svg></body></html>
`;
}
