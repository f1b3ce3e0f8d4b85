// `npm run bench:recovery`: how long the system takes to get over a catalog kill under a steady
// checkout load, and how fast the backlog the outage left drains. Starts its own stack (compose
// project shop-recovery, gateway on 127.0.0.1:18090), measures, removes it, and rewrites the
// figures between the recovery markers in BENCHMARKS.md.
//
// Orders are placed with POST /api/orders (it needs only orders, so placement goes on while
// catalog is down and a real backlog builds up) at a fixed rate by a pool of shoppers. Catalog is
// stopped (SIGKILL, or SIGTERM as a rolling update does) and started again after a few seconds.
// Every figure comes from the orders' own timestamps and from catalog's log.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { call } from '../load/src/http-client';
import { createBenchProduct } from './bench-product';
import { writeBenchBlock } from './report';

const root = join(__dirname, '../..');
const project = 'shop-recovery';
const gatewayPort = Number(process.env['RECOVERY_GATEWAY_PORT'] ?? 18090);
const gateway = `http://127.0.0.1:${gatewayPort}`;
/**
 * Image tags to compare, one fresh stack each (RECOVERY_TAGS=before18,dev compares images built
 * from the code before issue 18 with the current ones).
 */
const TAGS = (process.env['RECOVERY_TAGS'] ?? process.env['SHOP_IMAGE_TAG'] ?? 'dev').split(',');
let env: NodeJS.ProcessEnv = {
  ...process.env,
  GATEWAY_PORT: String(gatewayPort),
  ORDER_RATE_LIMIT: '100000',
  AUTH_RATE_LIMIT: '100000',
};
const STACK = ['postgres', 'kafka', 'accounts', 'catalog', 'cart', 'orders', 'payments', 'gateway'];
/** The steady checkout rate the saga holds on this machine (BENCHMARKS.md, "Checkout saga"). */
const RATE = Number(process.env['RECOVERY_RATE'] ?? 10);
const BEFORE_S = 20;
const DOWN_S = 5;
const AFTER_S = 45;
const SHOPPERS = 10;

const startedAt = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const docker = (args: string[]) =>
  execFileSync('docker', args, { env, stdio: 'pipe', maxBuffer: 64 << 20 }).toString();
const compose = (args: string[]) =>
  docker([
    'compose',
    '-p',
    project,
    '-f',
    join(root, 'deploy/compose/docker-compose.yml'),
    ...args,
  ]);
const psql = (query: string) =>
  compose(['exec', '-T', 'postgres', 'psql', '-U', 'postgres', '-d', 'orders', '-At', '-c', query])
    .trim()
    .split('\n')
    .filter(Boolean);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);
const catalog = `${project}-catalog-1`;

interface Placed {
  readonly id: string;
  readonly at: number;
}

interface Row {
  readonly tag: string;
  readonly how: string;
  readonly rejoinS: number;
  readonly backlog: number;
  readonly drainS: number;
  readonly drainRate: number;
  readonly steady: { p50: number; p99: number };
  readonly after: { p50: number; p99: number };
  readonly notConfirmed: number;
  readonly placementErrors: Record<string, number>;
  readonly crashes: number;
}

/** Signs up and logs in SHOPPERS shoppers; every one must get a token (a missing one would
 * turn a tenth of the load into 401s). */
async function shoppers(): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < SHOPPERS; i++) {
    const email = `recovery-${randomUUID()}@example.com`;
    const body = { email, password: 'recovery-password', name: 'Recovery' };
    const token = await retried(`shopper ${i + 1}`, async () => {
      const signup = await call(gateway, 'POST', '/api/accounts/signup', { body });
      if (signup.status !== 201 && signup.status !== 409) return undefined;
      const login = await call<{ accessToken: string }>(gateway, 'POST', '/api/accounts/login', {
        body: { email, password: body.password },
      });
      return login.status === 200 ? login.body?.accessToken : undefined;
    });
    tokens.push(token);
  }
  return tokens;
}

/** Calls `attempt` until it gives a value (the stack may still be settling), for up to a minute. */
async function retried<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await pause(500)) {
    const value = await attempt();
    if (value !== undefined) return value;
  }
  throw new Error(`${what}: no success within 60 s`);
}

/** Orders at RATE/s for `durationS` (open model: one arrival every 1/RATE s, never waiting). */
async function placeOrders(
  tokens: string[],
  productId: string,
  durationS: number,
  errors: Record<string, number>,
): Promise<Placed[]> {
  const placed: Placed[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < durationS * RATE; i++) {
    const due = t0 + (i * 1000) / RATE;
    if (due > Date.now()) await pause(due - Date.now());
    inFlight.push(
      call<{ id: string }>(gateway, 'POST', '/api/orders', {
        token: tokens[i % tokens.length],
        headers: { 'idempotency-key': randomUUID() },
        body: {
          items: [{ productId, quantity: 1 }],
          payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
        },
      }).then((r) => {
        if (r.status === 202 && r.body) placed.push({ id: r.body.id, at: Date.now() });
        else
          errors[`HTTP ${r.status || r.error}`] = (errors[`HTTP ${r.status || r.error}`] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  return placed;
}

/** The first "joined group catalog" in catalog's log after `since` (docker's timestamps). */
function rejoinedAt(since: number): number | undefined {
  const lines = docker(['logs', '-t', '--since', new Date(since).toISOString(), catalog]).split(
    '\n',
  );
  // "consuming ... as group catalog" is what images from before issue 18 log once running.
  const joined = lines.find((line) => /joined group catalog|as group catalog\b/.test(line));
  return joined ? Date.parse(joined.split(' ')[0]) : undefined;
}

function crashesSince(since: number): number {
  const out = execFileSync('docker', ['logs', '--since', new Date(since).toISOString(), catalog], {
    stdio: 'pipe',
    maxBuffer: 64 << 20,
  });
  const all = out.toString();
  return (all.match(/Crash:|consumer crashed/g) ?? []).length;
}

async function run(how: 'SIGKILL' | 'SIGTERM', tokens: string[], productId: string): Promise<Row> {
  log(`${how}: ${RATE} orders/s; catalog stopped at ${BEFORE_S} s, started ${DOWN_S} s later`);
  const errors: Record<string, number> = {};
  const t0 = Date.now();
  let stoppedAt = 0;
  let restartedAt = 0;
  const faults = (async () => {
    await pause(BEFORE_S * 1000);
    stoppedAt = Date.now();
    if (how === 'SIGKILL') docker(['kill', '-s', 'KILL', catalog]);
    else docker(['stop', catalog]);
    await pause(Math.max(0, stoppedAt + DOWN_S * 1000 - Date.now()));
    restartedAt = Date.now();
    docker(['start', catalog]);
  })();
  const placed = await placeOrders(tokens, productId, BEFORE_S + DOWN_S + AFTER_S, errors);
  await faults;

  log('  waiting for every order to be final');
  const ids = placed.map((p) => `'${p.id}'`).join(',');
  const deadline = Date.now() + 180_000;
  while (
    Number(psql(`SELECT count(*) FROM orders WHERE status = 'PENDING' AND id IN (${ids})`)[0]) > 0
  ) {
    if (Date.now() > deadline) break;
    await pause(1_000);
  }
  const rows = psql(
    `SELECT id, status, extract(epoch FROM created_at) * 1000, extract(epoch FROM updated_at) * 1000
       FROM orders WHERE id IN (${ids})`,
  ).map((line) => {
    const [id, status, created, updated] = line.split('|');
    return { id, status, created: Number(created), updated: Number(updated) };
  });
  const rejoin = rejoinedAt(restartedAt) ?? Number.NaN;
  const confirmed = rows.filter((r) => r.status === 'CONFIRMED');
  // The backlog: orders placed from the stop until catalog was back in its group.
  const backlog = confirmed.filter((r) => r.created >= stoppedAt && r.created < rejoin);
  const drainedAt = Math.max(...backlog.map((r) => r.updated));
  // Confirmations per second from the rejoin until the backlog was gone (new arrivals included).
  const drainWindow = confirmed.filter((r) => r.updated >= rejoin && r.updated <= drainedAt);
  const drainS = (drainedAt - rejoin) / 1000;
  const sagaMs = (rs: typeof rows) => {
    const ds = rs.map((r) => r.updated - r.created).sort((a, b) => a - b);
    const at = (q: number) => ds[Math.min(ds.length - 1, Math.floor(q * ds.length))];
    return { p50: at(0.5), p99: at(0.99) };
  };
  return {
    tag: env['SHOP_IMAGE_TAG'] ?? 'dev',
    how,
    rejoinS: (rejoin - restartedAt) / 1000,
    backlog: backlog.length,
    drainS,
    drainRate: drainWindow.length / Math.max(drainS, 0.001),
    steady: sagaMs(confirmed.filter((r) => r.created >= t0 + 5_000 && r.created < stoppedAt)),
    after: sagaMs(confirmed.filter((r) => r.created > drainedAt)),
    notConfirmed: rows.length - confirmed.length,
    placementErrors: errors,
    crashes: crashesSince(restartedAt),
  };
}

const BEGIN = '<!-- recovery:begin (written by npm run bench:recovery) -->';
const END = '<!-- recovery:end -->';

async function main(): Promise<void> {
  const results: Row[] = [];
  for (const tag of TAGS) {
    env = { ...env, SHOP_IMAGE_TAG: tag };
    log(`fresh stack, images tagged ${tag}`);
    compose(['down', '-v', '--remove-orphans']);
    compose(['up', '-d', '--wait', '--wait-timeout', '300', ...STACK]);
    const tokens = await shoppers();
    const productId = await createBenchProduct(gateway, 'recovery', 1_000_000);
    await placeOrders(tokens, productId, 20, {}); // warm-up
    for (const how of ['SIGKILL', 'SIGTERM'] as const) {
      results.push(await run(how, tokens, productId));
      log(`  ${JSON.stringify(results.at(-1))}`);
    }
    compose(['down', '-v', '--remove-orphans']);
  }

  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, ${RATE} orders/s placed (POST /api/orders) from ${SHOPPERS} shoppers throughout; catalog stopped after ${BEFORE_S} s of it, started again ${DOWN_S} s later.`,
    '',
    '| images | catalog stopped by | back in its group after start | orders left waiting | backlog drained after rejoin | confirmations/s while draining | vs arrival rate | saga p50 / p99 of orders placed before the stop | after the drain | not confirmed | placement errors | consumer crashes after start |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.tag} | ${r.how} | ${fmt(r.rejoinS)} s | ${r.backlog} | ${fmt(r.drainS)} s | ${fmt(r.drainRate)} | ${fmt(r.drainRate / RATE, 2)}× | ${fmt(r.steady.p50, 0)} / ${fmt(r.steady.p99, 0)} ms | ${fmt(r.after.p50, 0)} / ${fmt(r.after.p99, 0)} ms | ${r.notConfirmed} | ${JSON.stringify(r.placementErrors)} | ${r.crashes} |`,
    ),
  ].join('\n');
  writeBenchBlock(BEGIN, END, lines);
  log('wrote the figures into BENCHMARKS.md (between the recovery markers)');
  console.log(lines);
}

main().catch((error: Error) => {
  console.error(`recovery bench failed: ${error.stack ?? error.message}`);
  try {
    compose(['down', '-v', '--remove-orphans']);
  } catch {
    // nothing to clean
  }
  process.exit(1);
});
