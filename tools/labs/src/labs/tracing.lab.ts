import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOtlpReceiver, type ReceivedSpan } from '@shop/testing';
import type { Lab, LabContext } from '../lab';
import type { Check } from '../narrator';
import { finalStatuses, GOOD_CARD, newShopper, placeOrder } from '../shop';

const KIND = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

/** A log line of a service, as written (JSON), with the fields this lab reads. */
interface LogEntry {
  readonly service?: string;
  readonly trace_id?: string;
  readonly msg?: string;
  readonly req?: { id?: string; method?: string; url?: string };
  readonly res?: { statusCode?: number };
  readonly time?: string;
  readonly logger?: string;
}

/** The JSON log records in `docker compose logs --no-log-prefix` output (other lines skipped). */
export function logEntries(output: string): LogEntry[] {
  return output.split('\n').flatMap((line) => {
    const start = line.indexOf('{');
    if (start < 0) return [];
    try {
      return [JSON.parse(line.slice(start)) as LogEntry];
    } catch {
      return [];
    }
  });
}

/** The spans of one trace as an indented tree, parents before children. */
export function spanTree(spans: readonly ReceivedSpan[]): string[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, ReceivedSpan[]>();
  for (const s of spans) {
    const parent = ids.has(s.parentSpanId) ? s.parentSpanId : '';
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      lines.push(`${'  '.repeat(depth)}${s.service} ${KIND[s.kind] ?? s.kind} ${s.name}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines;
}

let receiver: { port: number; close(): Promise<void> } | undefined;
const spansFile = join(tmpdir(), `shop-lab-spans-${process.pid}.jsonl`);

const spansOf = (traceId: string): ReceivedSpan[] =>
  readFileSync(spansFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedSpan)
    .filter((s) => s.traceId === traceId);

export const tracingLab: Lab = {
  name: 'tracing',
  summary:
    "place your own checkout, find its trace id in the gateway's log by request id, follow it through every service's logs and spans",
  minutes: 1,
  async stackEnv() {
    receiver = await startOtlpReceiver(spansFile);
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://host.docker.internal:${receiver.port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
  },
  async dispose() {
    await receiver?.close();
    receiver = undefined;
  },
  async run({ stack, narrator }: LabContext): Promise<Check[]> {
    const checks: Check[] = [];
    if (receiver)
      narrator.progress(
        `spans go to an OTLP/HTTP receiver in this process (port ${receiver.port}), as the e2e suite does;\n   with the observability profile's images, Jaeger (http://localhost:16686) would show them`,
      );
    else
      narrator.progress(
        'a running stack: its spans go where its OTEL_EXPORTER_OTLP_ENDPOINT says (nowhere if unset);\n   this lab follows the trace through the logs, which carry trace ids either way',
      );

    narrator.begin(
      'Place a checkout of your own',
      'The gateway gives every request an id (x-request-id in the answer) and starts its trace.',
    );
    const shopper = await newShopper(stack.gateway, 'tracing');
    narrator.command([
      'curl',
      '-si',
      '-XPOST',
      `${stack.gateway}/api/orders`,
      '-H',
      'authorization: Bearer $TOKEN',
      '-H',
      'idempotency-key: <uuid>',
      '-H',
      'content-type: application/json',
      '-d',
      JSON.stringify({
        items: [{ productId: shopper.productId, quantity: 1 }],
        payment: GOOD_CARD,
      }),
    ]);
    const placed = await placeOrder(stack.gateway, shopper);
    const requestId = placed.headers.get('x-request-id') ?? '';
    narrator.show(
      `HTTP ${placed.status}, order ${placed.orderId ?? '-'}, x-request-id: ${requestId}`,
    );
    if (!placed.orderId || !requestId) throw new Error(`the checkout answered ${placed.status}`);

    narrator.begin(
      "Find its trace id in the gateway's log",
      'Every log line is JSON with trace_id and span_id; the request id finds the line.',
    );
    let traceId = '';
    const logsArgs = ['logs', '--no-color', '--no-log-prefix', 'gateway'];
    narrator.command(stack.composeArgv(logsArgs), ['grep', requestId]);
    await stack.until(async () => {
      const line = logEntries(await stack.compose(logsArgs, { quiet: true })).find(
        (e) => e.req?.id === requestId && e.trace_id,
      );
      if (line) {
        narrator.show(JSON.stringify(line));
        traceId = line.trace_id ?? '';
      }
      return traceId !== '';
    }, 15_000);
    checks.push({
      name: "the checkout's trace id is in the gateway's log",
      ok: /^[0-9a-f]{32}$/.test(traceId),
      detail: traceId || 'not found',
    });
    if (!traceId) return checks;

    narrator.begin(
      'The order completes; follow the trace id through every service',
      'The same trace id travels over HTTP (traceparent) and Kafka (message headers), and through\nthe outbox: orders, catalog and payments log it while they work on this order.',
    );
    const status = (await finalStatuses(stack.gateway, shopper.token, [placed.orderId])).get(
      placed.orderId,
    );
    narrator.show(`order ${placed.orderId}: ${status}`);
    checks.push({
      name: 'the checkout CONFIRMED',
      ok: status === 'CONFIRMED',
      detail: status ?? 'unknown',
    });
    const services = ['gateway', 'orders', 'catalog', 'payments'];
    const grep = ['logs', '--no-color', '--no-log-prefix', ...services];
    narrator.command(stack.composeArgv(grep), ['grep', traceId]);
    let traced: LogEntry[] = [];
    await stack.until(async () => {
      traced = logEntries(await stack.compose(grep, { quiet: true })).filter(
        (e) => e.trace_id === traceId,
      );
      return services.every((s) => traced.some((e) => e.service === s));
    }, 20_000);
    // In time order, without the Kafka client's own notices.
    const story = traced
      .filter((e) => e.logger !== 'kafkajs' && !/kafkajs/i.test(e.msg ?? ''))
      .sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
    for (const e of story.slice(0, 12))
      narrator.show(
        `${(e.service ?? '?').padEnd(9)} ${e.msg ?? ''}${e.req ? ` ${e.req.method} ${e.req.url}` : ''}${e.res ? ` -> ${e.res.statusCode}` : ''}`,
      );
    if (story.length > 12) narrator.show(`... ${story.length - 12} more`);
    const logged = new Set(traced.map((e) => e.service));
    checks.push({
      name: 'gateway, orders, catalog and payments logged the same trace id',
      ok: services.every((s) => logged.has(s)),
      detail: `${traced.length} lines from ${[...logged].join(', ')}`,
    });

    if (receiver) {
      narrator.begin(
        'Its spans: one trace over every service',
        "Server and client spans for HTTP, producer and consumer spans for each Kafka hop of the saga,\ndatabase spans; every span's parent is in the trace.",
      );
      let spans: ReceivedSpan[] = [];
      await narrator.during(
        'waiting for the spans',
        stack.until(async () => {
          spans = spansOf(traceId);
          const seen = new Set(spans.map((s) => s.service));
          // Until every span's parent has arrived too (each service exports in batches).
          const ids = new Set(spans.map((s) => s.spanId));
          return (
            spans.filter((s) => !ids.has(s.parentSpanId)).length === 1 &&
            ['gateway', 'orders', 'catalog', 'payments'].every((s) => seen.has(s)) &&
            spans.some((s) => s.kind === 5 && s.service === 'payments')
          );
        }, 30_000),
      );
      const tree = spanTree(spans.filter((s) => !s.attributes['db.system.name']));
      narrator.show(tree.slice(0, 40).join('\n'));
      if (tree.length > 40) narrator.show(`... ${tree.length - 40} more`);
      narrator.show(
        `(+ ${spans.filter((s) => s.attributes['db.system.name']).length} database spans)`,
      );
      const ids = new Set(spans.map((s) => s.spanId));
      const roots = spans.filter((s) => !ids.has(s.parentSpanId));
      const byService = new Set(spans.map((s) => s.service));
      checks.push({
        name: 'the trace spans gateway, orders, catalog and payments, with Kafka producer and consumer spans',
        ok:
          ['gateway', 'orders', 'catalog', 'payments'].every((s) => byService.has(s)) &&
          spans.some((s) => s.kind === 4) &&
          spans.some((s) => s.kind === 5),
        detail: `${spans.length} spans from ${[...byService].join(', ')}`,
      });
      checks.push({
        name: "one root (the gateway's server span), no broken parent link",
        ok: roots.length === 1 && roots[0].service === 'gateway',
        detail: roots.map((r) => `${r.service} ${r.name}`).join('; ') || 'no root',
      });
    }
    return checks;
  },
};
