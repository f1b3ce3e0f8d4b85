// `npm run bench`: measures the composed system side by side in one run and writes BENCHMARKS.md.
// Every figure that the machine's noise could distort is reported as a ratio of two
// measurements taken in the same run, interleaved. All traffic goes to loopback.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { call } from '../../tests/load/src/http-client';
import { LatencyRecorder } from '../../tests/load/src/latency-recorder';
import { runOpenModel } from '../../tests/load/src/open-model';
import { runLoad } from '../../tests/load/src/run-load';

const root = join(__dirname, '../..');
const composeArgs = [
  'compose',
  '-p',
  'shop-bench',
  '-f',
  join(root, 'deploy/compose/docker-compose.yml'),
  '-f',
  join(__dirname, 'compose.bench.yml'),
];
const gatewayPort = Number(process.env['BENCH_GATEWAY_PORT'] ?? 18080);
const directPort = Number(process.env['CATALOG_DIRECT_PORT'] ?? 18082);
const gateway = `http://127.0.0.1:${gatewayPort}`;
const direct = `http://127.0.0.1:${directPort}`;
const env = {
  ...process.env,
  GATEWAY_PORT: String(gatewayPort),
  CATALOG_DIRECT_PORT: String(directPort),
};
const quick = process.argv.includes('--quick');
const seconds = (s: number) => (quick ? Math.max(3, Math.round(s / 3)) : s);
const startedAt = Date.now();

const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const compose = (...args: string[]) =>
  execFileSync('docker', [...composeArgs, ...args], {
    env,
    stdio: 'pipe',
    maxBuffer: 64 << 20,
  }).toString();
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Closed loop: `concurrency` workers send back to back for `durationS`; completions per second. */
async function maxThroughput(
  url: string,
  concurrency: number,
  durationS: number,
): Promise<{ rps: number; errors: number }> {
  const deadline = Date.now() + durationS * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const r = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
        if (r?.ok) done++;
        else errors++;
        await r?.arrayBuffer().catch(() => undefined);
      }
    }),
  );
  return { rps: done / durationS, errors };
}

async function fixedRate(url: string, rate: number, durationS: number) {
  const { recorder } = await runOpenModel(
    async () => {
      const r = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      await r?.arrayBuffer().catch(() => undefined);
      return r?.ok ? undefined : `HTTP ${r?.status ?? 0}`;
    },
    { rate, durationS },
  );
  return recorder.summary();
}

function memoryByContainer(): Record<string, number> {
  const out = execFileSync(
    'docker',
    ['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}'],
    { stdio: 'pipe' },
  ).toString();
  const units: Record<string, number> = { B: 1 / 1048576, KiB: 1 / 1024, MiB: 1, GiB: 1024 };
  const result: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const [name, usage] = line.split('\t');
    if (!name?.startsWith('shop-bench-')) continue;
    const m = /^([\d.]+)(B|KiB|MiB|GiB)/.exec(usage ?? '');
    if (m) result[name.replace('shop-bench-', '')] = Number(m[1]) * units[m[2]];
  }
  return result;
}

async function waitAllConfirmed(
  token: string,
  ids: string[],
  timeoutMs = 300_000,
): Promise<number> {
  const t0 = Date.now();
  const pending = new Set(ids);
  while (pending.size > 0) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${pending.size} orders still pending`);
    for (const id of [...pending]) {
      const r = await call<{ status: string }>(gateway, 'GET', `/api/orders/${id}`, { token });
      if (r.body && r.body.status !== 'PENDING') pending.delete(id);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - t0;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const section = (title: string) => lines.push('', `## ${title}`, '');

  log('fresh stack: docker compose down -v, then up --wait (timed)');
  compose('down', '-v', '--remove-orphans');
  const upStart = Date.now();
  compose('up', '-d', '--wait', '--wait-timeout', '300');
  const upSeconds = (Date.now() - upStart) / 1000;
  const idle = memoryByContainer();

  const page = await call<{ items: { id: string }[] }>(
    gateway,
    'GET',
    '/api/catalog/products?limit=1',
  );
  const productId = page.body?.items[0]?.id;
  if (!productId) throw new Error('no product through the gateway');
  const viaGateway = `${gateway}/api/catalog/products/${productId}`;
  const straight = `${direct}/products/${productId}`;

  log('gateway overhead: fixed rate, interleaved A/B/A/B');
  const rate = 100;
  const rounds: {
    gateway: ReturnType<LatencyRecorder['summary']>[];
    direct: ReturnType<LatencyRecorder['summary']>[];
  } = { gateway: [], direct: [] };
  await fixedRate(viaGateway, 50, 3); // warm-up
  await fixedRate(straight, 50, 3);
  for (let i = 0; i < 2; i++) {
    rounds.gateway.push(await fixedRate(viaGateway, rate, seconds(10)));
    rounds.direct.push(await fixedRate(straight, rate, seconds(10)));
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const g50 = avg(rounds.gateway.map((r) => r.p50));
  const d50 = avg(rounds.direct.map((r) => r.p50));
  const g99 = avg(rounds.gateway.map((r) => r.p99));
  const d99 = avg(rounds.direct.map((r) => r.p99));
  log('gateway overhead: closed-loop max throughput');
  const tg = await maxThroughput(viaGateway, 16, seconds(10));
  const td = await maxThroughput(straight, 16, seconds(10));

  section(
    'Gateway overhead (GET one product: through the gateway vs straight to catalog, both in containers)',
  );
  lines.push(
    `| | through gateway | straight to catalog | ratio |`,
    `|---|---|---|---|`,
    `| p50 at ${rate}/s (ms) | ${fmt(g50)} | ${fmt(d50)} | ${fmt(g50 / d50, 2)}× |`,
    `| p99 at ${rate}/s (ms) | ${fmt(g99)} | ${fmt(d99)} | ${fmt(g99 / d99, 2)}× |`,
    `| max throughput, 16 connections (req/s) | ${fmt(tg.rps, 0)} | ${fmt(td.rps, 0)} | ${fmt(tg.rps / td.rps, 2)}× |`,
  );

  log('scaling catalog x1, x2, x3 (closed loop through the gateway)');
  const scaling: { replicas: number; rps: number }[] = [];
  for (const replicas of [1, 2, 3]) {
    compose('up', '-d', '--wait', '--no-recreate', '--scale', `catalog=${replicas}`, 'catalog');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the gateway re-resolves every second
    await maxThroughput(`${gateway}/api/catalog/products?limit=20`, 16, 3); // warm-up
    scaling.push({
      replicas,
      ...(await maxThroughput(`${gateway}/api/catalog/products?limit=20`, 24, seconds(10))),
    });
  }
  const loaded = memoryByContainer();
  section('Scaling catalog (product list pages through the gateway, 24 connections, closed loop)');
  lines.push(`| catalog replicas | req/s | vs x1 |`, `|---|---|---|`);
  for (const s of scaling)
    lines.push(`| ${s.replicas} | ${fmt(s.rps, 0)} | ${fmt(s.rps / scaling[0].rps, 2)}× |`);
  compose('up', '-d', '--wait', '--no-recreate', '--scale', 'catalog=1', 'catalog');

  log('checkout saga latency at fixed rates');
  const saga: { rate: number; result: Awaited<ReturnType<typeof runLoad>> }[] = [];
  for (const r of [2, 8])
    saga.push({
      rate: r,
      result: await runLoad({
        scenario: 'checkout',
        target: gateway,
        rate: r,
        durationS: seconds(20),
      }),
    });
  section('Checkout saga latency (cart → checkout → CONFIRMED, open model)');
  lines.push(
    `| rate | accept p50 | accept p99 | placement→CONFIRMED p50 | p99 | errors |`,
    `|---|---|---|---|---|---|`,
  );
  for (const { rate: r, result } of saga) {
    const c = result.extra['placement to CONFIRMED'];
    lines.push(
      `| ${r}/s | ${fmt(result.latencyMs.p50)} ms | ${fmt(result.latencyMs.p99)} ms | ${fmt(c.p50)} ms | ${fmt(c.p99)} ms | ${JSON.stringify({ ...result.latencyMs.errors, ...c.errors })} |`,
    );
  }

  log('payments consumer x1 vs x3: drain a backlog of payment requests');
  const drain: { replicas: number; perSecond: number }[] = [];
  const email = `bench-${Date.now()}@example.com`;
  await call(gateway, 'POST', '/api/accounts/signup', {
    body: { email, password: 'bench-password', name: 'Bench' },
  });
  const { body: session } = await call<{ accessToken: string }>(
    gateway,
    'POST',
    '/api/accounts/login',
    {
      body: { email, password: 'bench-password' },
    },
  );
  const token = session?.accessToken ?? '';
  const orders = quick ? 40 : 120;
  for (const replicas of [1, 3]) {
    compose('stop', 'payments');
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) {
      const placed = await call<{ id: string }>(gateway, 'POST', '/api/orders', {
        token,
        body: {
          items: [{ productId, quantity: 1 }],
          payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
        },
        headers: { 'idempotency-key': `bench-${replicas}-${i}-${Date.now()}` },
      });
      if (placed.body?.id) ids.push(placed.body.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // let them reach the payments topic
    const t0 = Date.now();
    compose('up', '-d', '--no-recreate', '--scale', `payments=${replicas}`, 'payments');
    const ms = await waitAllConfirmed(token, ids);
    drain.push({ replicas, perSecond: ids.length / ((Date.now() - t0) / 1000) });
    log(
      `  payments x${replicas}: ${ids.length} orders completed in ${fmt(ms / 1000)} s after start`,
    );
  }
  compose('up', '-d', '--wait', '--no-recreate', '--scale', 'payments=1', 'payments');
  section(
    'Scaling the payments consumer (backlog of payment requests drained, including container start)',
  );
  lines.push(`| payments replicas | orders completed/s | vs x1 |`, `|---|---|---|`);
  for (const d of drain)
    lines.push(
      `| ${d.replicas} | ${fmt(d.perSecond)} | ${fmt(d.perSecond / drain[0].perSecond, 2)}× |`,
    );

  section('Footprint');
  lines.push(
    `Time from \`docker compose up\` (fresh volumes) to all healthy: **${fmt(upSeconds)} s**.`,
    '',
    `| container | idle MiB | after the catalog load MiB |`,
    `|---|---|---|`,
  );
  for (const name of Object.keys(idle).sort())
    lines.push(`| ${name} | ${fmt(idle[name], 0)} | ${fmt(loaded[name] ?? 0, 0)} |`);
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  lines.push(`| **whole stack** | **${fmt(sum(idle), 0)}** | **${fmt(sum(loaded), 0)}** |`);

  compose('down', '-v', '--remove-orphans');
  const header = [
    '# Benchmarks',
    '',
    `Reproduce: \`npm run bench\` (about 6 minutes; \`npm run bench -- --quick\` for a short pass). It starts its own`,
    'stack (compose project `shop-bench`, gateway on 127.0.0.1:18080, one extra catalog replica',
    'published on 127.0.0.1:18082 for the straight-to-service figures) and removes it afterwards.',
    '',
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, the load generator on the same machine as the system.`,
    'The machine is shared and noisy: read the ratios (measured side by side in one run, interleaved',
    "where it matters) rather than the absolute numbers. Latency is measured from each request's",
    'scheduled time (open model, no coordinated omission) with HDR histograms.',
  ];
  const notes = [
    '',
    '## Reading the figures',
    '',
    '- **Gateway overhead** is one extra HTTP hop (parse, token check when a token is sent,',
    '  route, stream back) in a second container: it shows as added milliseconds at p50 and as',
    '  a lower closed-loop ceiling, since on 2 cores the gateway competes for the same CPU.',
    '- **Scaling catalog** on a 2-core machine cannot add CPU: more replicas only help while one',
    '  replica is the bottleneck (its event loop), and stop helping once the cores are saturated by',
    '  gateway + catalog + Postgres + the load generator. On more cores the same test shows the spread.',
    '- **Checkout latency floor**: a checkout crosses Kafka four times (OrderPlaced → StockReserved',
    '  → OrderPaymentRequested → PaymentAuthorized), each a transaction + outbox write, a relay send',
    '  with acks=all, and a consumer poll; the relay publishes right after commit, so the floor is',
    '  about four produce→consume round trips plus four small transactions.',
    "- **Payments x1 vs x3** includes the replicas' start and the consumer group rebalance.",
  ];
  const content = [...header, ...lines, ...notes, ''].join('\n');
  writeFileSync(join(root, 'BENCHMARKS.md'), content);
  log('wrote BENCHMARKS.md');
  console.log(content);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  try {
    compose('down', '-v', '--remove-orphans');
  } catch {
    // nothing to clean
  }
  process.exit(1);
});
