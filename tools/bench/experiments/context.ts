// What every experiment of `npm run bench` shares: the bench's own compose project, its URLs,
// the round length, and the helpers that measure containers of that project.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  aboveIdle,
  cpuDuring,
  fixedRate,
  projectContainers,
  type LatencySummary,
} from '../measure';
import { pause } from '../tag-compare';
import { avg } from './format';

export const KAFKA_SERVICES = ['accounts', 'catalog', 'cart', 'orders', 'payments'];
export const STACK = ['postgres', 'kafka', ...KAFKA_SERVICES, 'gateway'];
export const BENCH_EXTRAS = ['catalog-direct', 'catalog-bare', 'catalog-raw'];
/** Requests per second of the fixed-rate reads (framework, gateway hop). */
export const READ_RATE = 100;
/** CPU limit per replica in the scaling rows: as shipped, and capped (tools/bench/compose.bench.yml). */
export const CAPS = ['1.0', '0.25'] as const;

/** % of one core per container (`catalog-1` → 0.4). */
export type CpuByContainer = Record<string, number | undefined>;

export interface BenchContext {
  readonly quick: boolean;
  readonly startedAt: number;
  /** The compose project the bench starts, measures and removes. */
  readonly project: string;
  readonly gateway: string;
  /** catalog as shipped, without telemetry or request logs, and a raw Fastify + pg handler. */
  readonly catalogUrls: { shipped: string; bare: string; raw: string };
  /** `s` seconds, or a third of it (at least 3) in a quick pass. */
  seconds(s: number): number;
  log(line: string): void;
  /** `docker compose` on the bench's project; returns its standard output. */
  compose(args: string[], extraEnv?: NodeJS.ProcessEnv): string;
  psql(db: string, query: string): string;
}

/** The context once the stack is up and idling has been measured. */
export interface StackContext extends BenchContext {
  /** Idle CPU of every container (idle-cost experiment), subtracted from loaded figures. */
  readonly idle: CpuByContainer;
  /** A product that exists, to read and to order. */
  readonly productId: string;
}

export function createBenchContext(quick: boolean): BenchContext {
  const root = join(__dirname, '../../..');
  const project = 'shop-bench';
  const composeArgs = [
    'compose',
    '-p',
    project,
    '-f',
    join(root, 'deploy/compose/docker-compose.yml'),
    '-f',
    join(__dirname, '../compose.bench.yml'),
  ];
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEWAY_PORT: String(port('BENCH_GATEWAY_PORT', 18080)),
    // The payments drain places its backlog as one user: lift the per-user order limit. The
    // checkout rows sign up hundreds of shoppers from one address: lift the signup/login limit.
    ORDER_RATE_LIMIT: '100000',
    AUTH_RATE_LIMIT: '100000',
  };
  const startedAt = Date.now();
  const compose = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    execFileSync('docker', [...composeArgs, ...args], {
      env: { ...env, ...extraEnv },
      stdio: 'pipe',
      maxBuffer: 64 << 20,
    }).toString();
  return {
    quick,
    startedAt,
    project,
    gateway: `http://127.0.0.1:${port('BENCH_GATEWAY_PORT', 18080)}`,
    catalogUrls: {
      shipped: `http://127.0.0.1:${port('CATALOG_DIRECT_PORT', 18082)}`,
      bare: `http://127.0.0.1:${port('CATALOG_BARE_PORT', 18083)}`,
      raw: `http://127.0.0.1:${port('CATALOG_RAW_PORT', 18084)}`,
    },
    seconds: (s) => (quick ? Math.max(3, Math.round(s / 3)) : s),
    log: (line) =>
      console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`),
    compose,
    psql: (db, query) =>
      compose([
        'exec',
        '-T',
        'postgres',
        'psql',
        '-U',
        'postgres',
        '-d',
        db,
        '-At',
        '-c',
        query,
      ]).trim(),
  };
}

export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
) {
  const t0 = Date.now();
  for (let wait = 100; !(await check()); wait = Math.min(wait * 2, 1_000)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await pause(wait);
  }
}

/** The first container of each service (`catalog` → `catalog-1`). */
export const first = (services: readonly string[]) => services.map((s) => `${s}-1`);

/** Idle CPU of each container, in % of one core, over `durationS`. */
export async function idleCpu(
  ctx: BenchContext,
  containerNames: readonly string[],
  durationS: number,
): Promise<CpuByContainer> {
  const containers = projectContainers(ctx.project);
  const { cpuUs, seconds: s } = await cpuDuring(containers, containerNames, () =>
    pause(durationS * 1000),
  );
  return Object.fromEntries(
    containerNames.map((n) => [n, cpuUs[n] === undefined ? undefined : cpuUs[n] / (s * 10_000)]),
  );
}

export interface Measured {
  latency: LatencySummary[];
  /** CPU µs per request per container, idle use subtracted. */
  cpuPerRequest: Record<string, number | undefined>;
}

/** Fixed-rate rounds against each target after a warm-up, interleaved (A B C A B C), with CPU per request. */
export async function interleaved(
  ctx: StackContext,
  targets: Record<string, { url: string; containers: string[] }>,
  rate: number,
  rounds: number,
  durationS: number,
): Promise<Record<string, Measured>> {
  const containers = projectContainers(ctx.project);
  const out: Record<string, Measured> = {};
  const cpuSamples: Record<string, Record<string, number[]>> = {};
  // Warm-up at the same rate (JIT, connection pools): the first thousand requests cost up to 2×.
  for (const target of Object.values(targets)) await fixedRate(target.url, rate, ctx.seconds(8));
  for (let round = 0; round < rounds; round++) {
    for (const [name, target] of Object.entries(targets)) {
      const {
        result,
        cpuUs,
        seconds: s,
      } = await cpuDuring(containers, target.containers, () =>
        fixedRate(target.url, rate, durationS),
      );
      (out[name] ??= { latency: [], cpuPerRequest: {} }).latency.push(result);
      for (const [c, used] of Object.entries(aboveIdle(cpuUs, s, ctx.idle)))
        if (used !== undefined) ((cpuSamples[name] ??= {})[c] ??= []).push(used / result.count);
    }
  }
  for (const [name, byContainer] of Object.entries(cpuSamples))
    for (const [c, xs] of Object.entries(byContainer)) out[name].cpuPerRequest[c] = avg(xs);
  return out;
}
