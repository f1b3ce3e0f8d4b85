// A chaos run (issue 13), Jepsen-style: the composed system with its Postgres and Kafka traffic
// routed through Toxiproxy (deploy/compose/chaos.yml), a steady checkout workload with reads, faults
// injected at random moments drawn from a printed seed, then, once the system has settled, the
// invariants checked from the databases and the API. Writes history.jsonl (every request,
// answer and fault), report.html (timeline) and summary.json to the run's folder.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { COMPOSE_PS_HEALTH_ARGS, waitUntilHealthy } from '@shop/testing';
import { call } from '../../load/src/http-client';
import { FaultInjector, type FaultRecord } from './faults';
import { History } from './history';
import {
  checkInvariants,
  consumerLag,
  orderTimes,
  outboxBacklog,
  pendingOrders,
  type InvariantResult,
  type StackAccess,
} from './invariants';
import { seededRandom } from './random';
import { faultsOf, htmlReport, percentile, perSecond, type Fault } from './report';
import { planFaults } from './schedule';
import { prepare, runWorkload, type Checkout } from './workload';

const pexec = promisify(execFile);
export const COMPOSE_DIR = resolve(__dirname, '../../../deploy/compose');
const SERVICES = ['accounts', 'catalog', 'cart', 'orders', 'payments', 'gateway'] as const;
const BACKENDS = ['accounts', 'catalog', 'cart', 'orders', 'payments'] as const;
const CONSUMERS = ['catalog', 'cart', 'orders', 'payments'] as const;

export interface ChaosOptions {
  readonly seed: number;
  readonly orders: number;
  readonly ratePerSecond: number;
  readonly faults: number;
  readonly shoppers: number;
  readonly project: string;
  readonly gatewayPort: number;
  readonly toxiproxyPort: number;
  /** Replicas of catalog and payments (so a fault can kill one replica or all of them). */
  readonly replicas: number;
  /** Orders still pending this long after they were placed are cancelled (TIMEOUT). */
  readonly orderDeadlineSeconds: number;
  readonly outDir: string;
  readonly keepStack: boolean;
  /** Build the images first (the CLI does; the test suite has built them already). */
  readonly build: boolean;
  readonly log: (line: string) => void;
}

export interface ChaosResult {
  readonly ok: boolean;
  readonly seed: number;
  readonly invariants: InvariantResult[];
  readonly faults: Fault[];
  readonly checkouts: Checkout[];
  readonly unlearned: Checkout[];
  readonly settleMs: number;
  readonly outDir: string;
}

export function optionsFromEnv(
  env = process.env,
  log = (l: string) => console.log(l),
): ChaosOptions {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name}="${raw}" is not a number`);
    return value;
  };
  const seed = num('CHAOS_SEED', Math.floor(Math.random() * 2 ** 31));
  const orders = num('CHAOS_ORDERS', 1_000);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    seed,
    orders,
    ratePerSecond: num('CHAOS_RATE', 5),
    faults: num('CHAOS_FAULTS', Math.max(1, Math.round(orders / 50))),
    shoppers: num('CHAOS_SHOPPERS', 60),
    project: env['CHAOS_PROJECT'] || 'shop-chaos',
    gatewayPort: num('CHAOS_GATEWAY_PORT', 18480),
    toxiproxyPort: num('CHAOS_TOXIPROXY_PORT', 18474),
    replicas: num('CHAOS_REPLICAS', 2),
    orderDeadlineSeconds: num('CHAOS_ORDER_DEADLINE_SECONDS', 120),
    outDir: resolve(env['CHAOS_OUT'] || join('chaos-results', `${stamp}-seed-${seed}`)),
    keepStack: env['CHAOS_KEEP_STACK'] === 'true',
    build: env['CHAOS_BUILD'] !== 'false',
    log,
  };
}

function composeEnv(options: ChaosOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GATEWAY_PORT: String(options.gatewayPort),
    TOXIPROXY_API_PORT: String(options.toxiproxyPort),
    AUTH_RATE_LIMIT: '100000',
    ORDER_RATE_LIMIT: '100000',
    LOGIN_FAILURES_MAX: '10000',
    ORDER_DEADLINE_SECONDS: String(options.orderDeadlineSeconds),
  };
}

/** `docker compose` arguments for the run's stack: its project, the base file and the overlay. */
const composeArgs = (options: ChaosOptions, args: string[]) => [
  'compose',
  '-p',
  options.project,
  '-f',
  'docker-compose.yml',
  '-f',
  'chaos.yml',
  ...args,
];

async function compose(options: ChaosOptions, ...args: string[]): Promise<string> {
  const { stdout } = await pexec('docker', composeArgs(options, args), {
    cwd: COMPOSE_DIR,
    env: composeEnv(options),
    maxBuffer: 64 << 20,
  });
  return stdout;
}

/** Catalog and payments at the run's replica count. */
const scaled = (options: ChaosOptions) => [
  '--scale',
  `catalog=${options.replicas}`,
  '--scale',
  `payments=${options.replicas}`,
];

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await pause(1_000);
  }
  throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { log } = options;
  mkdirSync(options.outDir, { recursive: true });
  log(
    `chaos: seed ${options.seed} (replay with CHAOS_SEED=${options.seed}), ${options.orders} checkouts at ${options.ratePerSecond}/s, ${options.faults} faults, results in ${options.outDir}`,
  );
  const gateway = `http://127.0.0.1:${options.gatewayPort}`;
  const access: StackAccess = { project: options.project, consumers: CONSUMERS };
  const history = new History(join(options.outDir, 'history.jsonl'));
  const random = seededRandom(options.seed);
  // Each part draws from its own sequence, so one part's draws never shift another's.
  const workloadRandom = seededRandom(Math.floor(random() * 2 ** 31));
  const faultRandom = seededRandom(Math.floor(random() * 2 ** 31));
  const injectorRandom = seededRandom(Math.floor(random() * 2 ** 31));

  if (options.build) {
    log('==> building the images (docker compose build; quick when nothing changed)');
    await new Promise<void>((done, fail) =>
      spawn('docker', composeArgs(options, ['build']), {
        cwd: COMPOSE_DIR,
        env: composeEnv(options),
        stdio: ['ignore', 'inherit', 'inherit'],
      }).on('exit', (code) =>
        code === 0 ? done() : fail(new Error(`docker compose build exited ${code}`)),
      ),
    );
  }
  log('==> starting the stack (fresh volumes), Postgres and Kafka traffic through Toxiproxy');
  await compose(options, 'down', '-v', '--remove-orphans');
  const injector = new FaultInjector({
    project: options.project,
    composeFiles: ['docker-compose.yml', 'chaos.yml'],
    cwd: COMPOSE_DIR,
    env: composeEnv(options),
    toxiproxyUrl: `http://127.0.0.1:${options.toxiproxyPort}`,
    random: injectorRandom,
  });
  try {
    const upStarted = Date.now();
    // Not `up --wait` (see waitUntilHealthy): a container unhealthy for a while is not a failure.
    await compose(options, 'up', '-d', ...scaled(options));
    await waitUntilHealthy(() => compose(options, ...COMPOSE_PS_HEALTH_ARGS), {
      timeoutMs: 300_000,
    });
    log(`    healthy after ${((Date.now() - upStarted) / 1000).toFixed(0)} s`);

    const workloadOptions = {
      gateway,
      orders: options.orders,
      ratePerSecond: options.ratePerSecond,
      shoppers: options.shoppers,
      readsPerSecond: Math.max(1, options.ratePerSecond),
      giveUpMs: 90_000,
      random: workloadRandom,
      history,
      admin: {
        email: process.env['ADMIN_EMAIL'] ?? 'admin@example.com',
        password: process.env['ADMIN_PASSWORD'] ?? 'admin-dev-password',
      },
      progress: (n: number) => {
        if (n > 0 && n % Math.max(1, Math.round(options.orders / 10)) === 0)
          log(`    ${n}/${options.orders} checkouts placed (${(history.now() / 1000) | 0} s)`);
      },
    };
    log(`==> ${options.shoppers} shoppers and the run's products`);
    const prepared = await prepare(workloadOptions);

    const plan = planFaults({
      count: options.faults,
      durationMs: (options.orders / options.ratePerSecond) * 1000,
      services: SERVICES,
      backends: BACKENDS,
      random: faultRandom,
    });
    log(`==> workload and ${plan.length} faults`);
    const workloadStarted = Date.now();
    const faultsDone = (async () => {
      const records: FaultRecord[] = [];
      for (const planned of plan) {
        const wait = workloadStarted + planned.atMs - Date.now();
        if (wait > 0) await pause(wait);
        const id = records.length + 1;
        const startAt = history.now();
        const target = planned.spec.target;
        history.record({
          type: 'fault',
          at: startAt,
          phase: 'start',
          id,
          kind: planned.spec.kind,
          target,
        });
        log(
          `    fault ${id}: ${planned.spec.kind} ${target} for ${(planned.spec.durationMs / 1000).toFixed(1)} s${planned.spec.latencyMs ? ` (+${planned.spec.latencyMs} ms)` : ''}`,
        );
        const record = await injector.inject(planned.spec).catch((error: Error) => {
          history.note(`fault ${id} failed to apply or heal: ${error.message}`);
          log(`    fault ${id} failed: ${error.message}`);
          return undefined;
        });
        history.record({
          type: 'fault',
          at: history.now(),
          phase: 'healed',
          id,
          kind: planned.spec.kind,
          target,
          detail: record?.detail,
        });
        if (record) records.push(record);
      }
      return records;
    })();
    const workload = await runWorkload(workloadOptions, prepared);
    await faultsDone;
    await injector.healAll();
    log(`==> workload done at ${(history.now() / 1000).toFixed(0)} s; settling`);

    // Settle: everything healthy again, then no order pending, outbox empty, lag zero.
    // Not `up --wait`: it gives up at the first container it sees unhealthy, and Docker 20.10
    // marks a container unhealthy while it is paused and until its first check after the
    // unpause (up to one interval later).
    await compose(options, 'up', '-d', '--no-recreate', ...scaled(options));
    await waitUntilHealthy(() => compose(options, ...COMPOSE_PS_HEALTH_ARGS), {
      timeoutMs: 300_000,
    });
    await until('the gateway reports every service up', 120_000, async () => {
      const health = await call<{ status: string }>(gateway, 'GET', '/api/health');
      return health.body?.status === 'ok';
    });
    const dbs = ['accounts', 'catalog', 'cart', 'orders', 'payments'];
    const settleMs = await until(
      'orders final, outbox drained and consumer lag zero',
      (options.orderDeadlineSeconds + 120) * 1000,
      async () => {
        if ((await pendingOrders(access)) > 0) return false;
        if (Object.values(await outboxBacklog(access, dbs)).some((n) => n > 0)) return false;
        return Object.values(await consumerLag(access)).every((n) => n === 0);
      },
    ).catch((error: Error) => {
      history.note(error.message);
      log(`    ${error.message} (checking anyway)`);
      return -1;
    });
    log(
      `==> invariants${settleMs >= 0 ? ` (settled ${(settleMs / 1000).toFixed(0)} s after the last fault)` : ''}`,
    );
    const { results, unlearned } = await checkInvariants(access, workload, dbs);
    for (const r of results) {
      log(`    ${r.ok ? 'holds ' : 'BROKEN'} ${r.name}: ${r.figures}`);
      for (const v of r.violations) log(`           ${v}`);
    }

    const seconds = perSecond(history);
    const times = (await orderTimes(access)).map((o) => ({
      createdAt: o.createdAt - history.startedAt,
      finalAt: o.updatedAt - history.startedAt,
    }));
    const faults = faultsOf(history, seconds, times);
    const recoveries = faults.flatMap((f) => (f.recoveryMs === undefined ? [] : [f.recoveryMs]));
    const catchUps = faults.flatMap((f) =>
      f.sagaCaughtUpMs === undefined ? [] : [f.sagaCaughtUpMs],
    );
    const gaveUp = workload.checkouts.filter((c) => c.gaveUp);
    const requests = history.requests();
    const summary = [
      `${workload.checkouts.length} checkouts by ${options.shoppers} shoppers at ${options.ratePerSecond}/s; ${workload.checkouts.filter((c) => c.orderIds.size > 0).length} accepted; ${gaveUp.length} given up by the client after ${workloadOptions.giveUpMs / 1000} s of retries (${unlearned.length} of them had been placed all the same: the client never learned its order)`,
      `${requests.length} requests: ${requests.filter((r) => r.status === 0).length} without an answer, ${requests.filter((r) => r.status >= 500).length} 5xx`,
      `${faults.length} faults; after the heal, requests answered again within p50 ${fmtS(percentile(recoveries, 50))}, max ${fmtS(percentile(recoveries, 100))}${recoveries.length < faults.length ? ` (${faults.length - recoveries.length} not within the run)` : ''}; orders placed during a fault all final within p50 ${fmtS(percentile(catchUps, 50))}, max ${fmtS(percentile(catchUps, 100))}`,
      `settled ${settleMs >= 0 ? `${(settleMs / 1000).toFixed(0)} s` : 'not'} after the workload and faults ended`,
    ];
    for (const line of summary) log(`    ${line}`);
    writeFileSync(
      join(options.outDir, 'report.html'),
      htmlReport({
        title: `Chaos run, seed ${options.seed}`,
        seed: options.seed,
        summary,
        seconds,
        faults,
        invariants: results,
      }),
    );
    const ok = results.every((r) => r.ok);
    writeFileSync(
      join(options.outDir, 'summary.json'),
      JSON.stringify(
        {
          ok,
          seed: options.seed,
          options: { ...options, log: undefined },
          summary,
          invariants: results,
          faults,
          settleMs,
        },
        null,
        2,
      ),
    );
    log(
      `==> ${ok ? 'every invariant holds' : 'INVARIANTS BROKEN'}; report: ${join(options.outDir, 'report.html')}`,
    );
    return {
      ok,
      seed: options.seed,
      invariants: results,
      faults,
      checkouts: workload.checkouts,
      unlearned,
      settleMs,
      outDir: options.outDir,
    };
  } finally {
    await injector.healAll().catch(() => undefined);
    await history.close();
    if (!options.keepStack)
      await compose(options, 'down', '-v', '--remove-orphans').catch(() => undefined);
  }
}

const fmtS = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

if (require.main === module) {
  const options = optionsFromEnv();
  runChaos(options).then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error: Error) => {
      console.error(`chaos run failed (seed ${options.seed}): ${error.stack ?? error.message}`);
      process.exit(2);
    },
  );
}
