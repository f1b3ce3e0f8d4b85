import { runOpenModel } from '../../load/src/open-model';
import type { Narrator } from './narrator';
import { request } from './shop';

export interface ReadTraffic {
  readonly sent: number;
  readonly completed: number;
  readonly errors: number;
  readonly throughput: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** `x-served-by` of every answered read: `catalog/<hostname>`. */
  readonly servedBy: string[];
}

const PATHS = [
  '/api/catalog/products?limit=20',
  '/api/catalog/products?q=coffee',
  '/api/catalog/products?category=books&limit=10',
  '/api/catalog/products?limit=5&offset=10',
];

/**
 * Product reads at a fixed arrival rate, as `npm run load -- browse` makes them (the load tool's
 * open model: latency from each arrival's scheduled time), keeping who served each one.
 */
export async function readTraffic(
  gateway: string,
  rate: number,
  durationS: number,
  narrator: Narrator,
): Promise<ReadTraffic> {
  const servedBy: string[] = [];
  let n = 0;
  narrator.command([
    'npm',
    'run',
    'load',
    '--',
    'browse',
    '--rate',
    String(rate),
    '--duration',
    String(durationS),
    '--target',
    gateway,
  ]);
  narrator.progress(
    '(the same kind of traffic, run in this process so it can keep each x-served-by)',
  );
  const { recorder, sent, elapsedS } = await runOpenModel(
    async () => {
      const answer = await request(gateway, 'GET', PATHS[n++ % PATHS.length]);
      if (answer.status !== 200) return `HTTP ${answer.status || 'no answer'}`;
      servedBy.push(answer.headers.get('x-served-by') ?? 'unknown');
      return undefined;
    },
    {
      rate,
      durationS,
      onSecond: (second, r, inFlight) => {
        if (second % 5 === 0)
          narrator.progress(
            `${second} s: done ${r.completed}, in flight ${inFlight}, p50 ${r.percentileMs(50).toFixed(0)} ms, p95 ${r.percentileMs(95).toFixed(0)} ms`,
          );
      },
    },
  );
  const errors = [...recorder.errors.values()].reduce((a, b) => a + b, 0);
  return {
    sent,
    completed: recorder.completed,
    errors,
    throughput: recorder.completed / elapsedS,
    p50: recorder.percentileMs(50),
    p95: recorder.percentileMs(95),
    p99: recorder.percentileMs(99),
    servedBy,
  };
}

export const trafficLine = (t: ReadTraffic): string =>
  `${t.completed}/${t.sent} answered (${t.errors} errors), ${t.throughput.toFixed(1)}/s, p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms, p99 ${t.p99.toFixed(0)} ms`;
