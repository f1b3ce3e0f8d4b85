// `npm run bench`: measures the composed system side by side in one run and writes BENCHMARKS.md.
// Every figure that the machine's noise could distort is reported as a ratio of two
// measurements taken in the same run, interleaved. All traffic goes to loopback.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  describeGroupMembersCommand,
  parseGroupMembers,
} from '../../libs/testing/src/compose/consumer-groups';
import { call } from '../load/src/http-client';
import { runLoad } from '../load/src/run-load';
import {
  aboveIdle,
  closedLoop,
  cpuDuring,
  execCpuMicros,
  healthcheckCommand,
  fixedRate,
  memoryByContainer,
  projectContainers,
  type LatencySummary,
} from './measure';
import { writeBenchBlock } from './report';
import { tokenVerificationMicros } from './token-verification';

const root = join(__dirname, '../..');
const project = 'shop-bench';
const composeArgs = [
  'compose',
  '-p',
  project,
  '-f',
  join(root, 'deploy/compose/docker-compose.yml'),
  '-f',
  join(__dirname, 'compose.bench.yml'),
];
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const gateway = `http://127.0.0.1:${port('BENCH_GATEWAY_PORT', 18080)}`;
const catalogUrls = {
  shipped: `http://127.0.0.1:${port('CATALOG_DIRECT_PORT', 18082)}`,
  bare: `http://127.0.0.1:${port('CATALOG_BARE_PORT', 18083)}`,
  raw: `http://127.0.0.1:${port('CATALOG_RAW_PORT', 18084)}`,
};
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GATEWAY_PORT: String(port('BENCH_GATEWAY_PORT', 18080)),
  // The payments drain places its backlog as one user: lift the per-user order limit. The
  // checkout rows sign up hundreds of shoppers from one address: lift the signup/login limit.
  ORDER_RATE_LIMIT: '100000',
  AUTH_RATE_LIMIT: '100000',
};
const STACK = ['postgres', 'kafka', 'accounts', 'catalog', 'cart', 'orders', 'payments', 'gateway'];
const KAFKA_SERVICES = ['accounts', 'catalog', 'cart', 'orders', 'payments'];
const BENCH_EXTRAS = ['catalog-direct', 'catalog-bare', 'catalog-raw'];
/** CPU limit per replica in the scaling rows: as shipped, and capped (tools/bench/compose.bench.yml). */
const CAPS = ['1.0', '0.25'] as const;

const quick = process.argv.includes('--quick');
const seconds = (s: number) => (quick ? Math.max(3, Math.round(s / 3)) : s);
const startedAt = Date.now();

const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const compose = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  execFileSync('docker', [...composeArgs, ...args], {
    env: { ...env, ...extraEnv },
    stdio: 'pipe',
    maxBuffer: 64 << 20,
  }).toString();
const psql = (db: string, query: string) =>
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
  ]).trim();
const fmt = (n: number | undefined, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** Members of the payments consumer group that hold at least one partition. */
function paymentsMembers(): number {
  const out = compose(['exec', '-T', 'kafka', ...describeGroupMembersCommand('payments')]);
  return parseGroupMembers('payments', out).filter((member) => member.partitions > 0).length;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const t0 = Date.now();
  for (let wait = 100; !(await check()); wait = Math.min(wait * 2, 1_000)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await pause(wait);
  }
}

/** The first container of each service (`catalog` → `catalog-1`). */
const first = (services: readonly string[]) => services.map((s) => `${s}-1`);

/** Idle CPU of each container, in % of one core, over `durationS`. */
async function idleCpu(containerNames: readonly string[], durationS: number) {
  const containers = projectContainers(project);
  const { cpuUs, seconds: s } = await cpuDuring(containers, containerNames, () =>
    pause(durationS * 1000),
  );
  return Object.fromEntries(
    containerNames.map((n) => [n, cpuUs[n] === undefined ? undefined : cpuUs[n] / (s * 10_000)]),
  );
}

interface Measured {
  latency: LatencySummary[];
  /** CPU µs per request per container, idle use subtracted. */
  cpuPerRequest: Record<string, number | undefined>;
}

/** Fixed-rate rounds against each target after a warm-up, interleaved (A B C A B C), with CPU per request. */
async function interleaved(
  targets: Record<string, { url: string; containers: string[] }>,
  rate: number,
  rounds: number,
  durationS: number,
  idle: Record<string, number | undefined>,
): Promise<Record<string, Measured>> {
  const containers = projectContainers(project);
  const out: Record<string, Measured> = {};
  const cpuSamples: Record<string, Record<string, number[]>> = {};
  // Warm-up at the same rate (JIT, connection pools): the first thousand requests cost up to 2×.
  for (const target of Object.values(targets)) await fixedRate(target.url, rate, seconds(8));
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
      for (const [c, used] of Object.entries(aboveIdle(cpuUs, s, idle)))
        if (used !== undefined) ((cpuSamples[name] ??= {})[c] ??= []).push(used / result.count);
    }
  }
  for (const [name, byContainer] of Object.entries(cpuSamples))
    for (const [c, xs] of Object.entries(byContainer)) out[name].cpuPerRequest[c] = avg(xs);
  return out;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const section = (title: string, ...intro: string[]) =>
    lines.push('', `## ${title}`, '', ...(intro.length > 0 ? [...intro, ''] : []));

  log('token verification in process: RS256 every time vs remembered');
  const tokens = await tokenVerificationMicros(quick ? 300 : 2_000);

  log('fresh stack: docker compose down -v, then up --wait (timed)');
  compose(['down', '-v', '--remove-orphans']);
  const upStart = Date.now();
  compose(['up', '-d', '--wait', '--wait-timeout', '300', ...STACK]);
  const upSeconds = (Date.now() - upStart) / 1000;
  const idleMemory = memoryByContainer(project);
  log(`  all healthy after ${fmt(upSeconds)} s; starting the bench-only catalog variants`);
  compose(['up', '-d', '--wait', '--wait-timeout', '300', ...BENCH_EXTRAS]);

  // ---------------------------------------------------------------------------------------------
  log('idle CPU per container, then again without the kafkajs idle-loop fix');
  const idleS = seconds(30);
  await pause(5_000); // let start-up work (topic creation, first polls) settle
  const idleFixed = await idleCpu(first([...STACK, ...BENCH_EXTRAS]), idleS);
  compose(['up', '-d', '--wait', ...KAFKA_SERVICES], { KAFKAJS_IDLE_LOOP_FIX: 'false' });
  await pause(5_000);
  const idleUnfixed = await idleCpu(first(KAFKA_SERVICES), idleS);
  compose(['up', '-d', '--wait', ...KAFKA_SERVICES]);
  log('  CPU per healthcheck run: the node-based check it replaced vs the bash one');
  const containers = projectContainers(project);
  const nodeCheck = [
    'node',
    '-e',
    "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
  ];
  const checkRuns = quick ? 3 : 5;
  const healthcheck = {
    node: execCpuMicros(containers.get('catalog-1') ?? '', nodeCheck, checkRuns),
    bash: execCpuMicros(
      containers.get('catalog-1') ?? '',
      ['/usr/local/bin/service-healthcheck'],
      checkRuns,
    ),
    kafkaJvm: execCpuMicros(
      containers.get('kafka-1') ?? '',
      [
        'sh',
        '-c',
        '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null',
      ],
      3,
    ),
    kafkaCheck: execCpuMicros(
      containers.get('kafka-1') ?? '',
      healthcheckCommand(containers.get('kafka-1') ?? '') ?? ['true'],
      checkRuns,
    ),
  };

  section(
    'Idle cost (nothing sent to the system)',
    `CPU in % of one core per container over ${idleS} s of idling. "Before" runs the same images`,
    'with `KAFKAJS_IDLE_LOOP_FIX=false` (recreated in this run); see "What was tuned" above.',
  );
  lines.push(`| container | idle CPU | without the kafkajs fix | ratio |`, `|---|---|---|---|`);
  for (const name of STACK) {
    const [fixed, unfixed] = [idleFixed[`${name}-1`], idleUnfixed[`${name}-1`]];
    const measured = KAFKA_SERVICES.includes(name);
    lines.push(
      `| ${name} | ${fmt(fixed, 2)}% | ${measured ? `${fmt(unfixed, 2)}%` : '—'} | ${measured ? ratio(unfixed, fixed) : ''} |`,
    );
  }
  const stackIdle = first(STACK)
    .map((n) => idleFixed[n] ?? 0)
    .reduce((a, b) => a + b, 0);
  lines.push(`| **whole stack** | **${fmt(stackIdle, 1)}%** | | |`);
  lines.push(
    '',
    '| one healthcheck run (CPU inside the container) | before | now | ratio |',
    '|---|---|---|---|',
    `| Node service: \`node -e fetch(...)\` → \`docker/service-healthcheck.sh\` (bash) | ${fmt((healthcheck.node ?? 0) / 1000)} ms | ${fmt((healthcheck.bash ?? 0) / 1000)} ms | ${ratio(healthcheck.node, healthcheck.bash)} |`,
    `| Kafka: \`kafka-broker-api-versions.sh\` (a JVM) → one Kafka request from bash (deploy/compose) | ${fmt((healthcheck.kafkaJvm ?? 0) / 1000)} ms | ${fmt((healthcheck.kafkaCheck ?? 0) / 1000)} ms | ${ratio(healthcheck.kafkaJvm, healthcheck.kafkaCheck)} |`,
  );

  section(
    'Checking access tokens (every authenticated request: once in the gateway, once in the service)',
    'In process, the same token 2000 times per round, median of 3 interleaved rounds.',
  );
  lines.push(
    '| checking one access token | before | now | ratio |',
    '|---|---|---|---|',
    `| RS256 verification every time → verified tokens remembered (TokenVerifier) | ${fmt(tokens.rs256)} µs | ${fmt(tokens.remembered, 2)} µs | ${ratio(tokens.rs256, tokens.remembered)} |`,
  );

  // ---------------------------------------------------------------------------------------------
  const page = await call<{ items: { id: string }[] }>(
    gateway,
    'GET',
    '/api/catalog/products?limit=1',
  );
  const productId = page.body?.items[0]?.id;
  if (!productId) throw new Error('no product through the gateway');
  const rate = 100;
  const roundS = seconds(10);

  log('framework: Nest as shipped vs Nest without telemetry/logs vs raw Fastify (interleaved)');
  const framework = {
    'Nest + Fastify, as shipped': {
      url: `${catalogUrls.shipped}/products/${productId}`,
      containers: ['catalog-direct-1', 'postgres-1'],
    },
    'Nest + Fastify, no telemetry or request logs': {
      url: `${catalogUrls.bare}/products/${productId}`,
      containers: ['catalog-bare-1', 'postgres-1'],
    },
    'raw Fastify + pg': {
      url: `${catalogUrls.raw}/products/${productId}`,
      containers: ['catalog-raw-1', 'postgres-1'],
    },
  };
  const fw = await interleaved(framework, rate, 2, roundS, idleFixed);
  const fwMax: Record<string, number> = {};
  for (const [name, t] of Object.entries(framework))
    fwMax[name] = (await closedLoop(t.url, 16, roundS)).rps;
  const serviceOf = (name: keyof typeof framework) => framework[name].containers[0];
  const base = 'raw Fastify + pg';
  section(
    'Framework: Nest + Fastify vs a raw Fastify handler (GET one product, straight to the container)',
    'The same row mapping and 404 body in all three (raw: tools/bench/raw-catalog.js in the catalog',
    'image), but not the same work: catalog serves a product it has read before from its read cache',
    '(kept fresh by Postgres change notices), the raw handler queries Postgres every time. The',
    'like-for-like comparison (both querying) is in the "request path, step by step" section.',
    `Fixed rate ${rate}/s, two interleaved rounds of ${roundS} s each; CPU is the service`,
    "container's own (cgroup), idle use subtracted, per request.",
  );
  lines.push(
    `| | p50 ms | p99 ms | service CPU µs/request | vs raw | max req/s (16 connections) | vs raw |`,
    `|---|---|---|---|---|---|---|`,
  );
  for (const name of Object.keys(framework) as (keyof typeof framework)[]) {
    const m = fw[name];
    const cpu = m.cpuPerRequest[serviceOf(name)];
    lines.push(
      `| ${name} | ${fmt(avg(m.latency.map((l) => l.p50)))} | ${fmt(avg(m.latency.map((l) => l.p99)))} | ${fmt(cpu, 0)} | ${ratio(cpu, fw[base].cpuPerRequest[serviceOf(base)])} | ${fmt(fwMax[name], 0)} | ${ratio(fwMax[name], fwMax[base])} |`,
    );
  }

  // ---------------------------------------------------------------------------------------------
  log('gateway overhead: through the gateway vs straight to catalog (interleaved)');
  const hop = {
    'through the gateway': {
      url: `${gateway}/api/catalog/products/${productId}`,
      containers: ['gateway-1', 'catalog-1'],
    },
    'straight to catalog': {
      url: `${catalogUrls.shipped}/products/${productId}`,
      containers: ['catalog-direct-1'],
    },
  };
  const gw = await interleaved(hop, rate, 2, roundS, idleFixed);
  const gwMax = {
    via: (await closedLoop(hop['through the gateway'].url, 16, roundS)).rps,
    direct: (await closedLoop(hop['straight to catalog'].url, 16, roundS)).rps,
  };
  const via = gw['through the gateway'];
  const straight = gw['straight to catalog'];
  const p = (m: Measured, q: 'p50' | 'p99') => avg(m.latency.map((l) => l[q]));
  const loadedMemory = memoryByContainer(project);
  section(
    'Gateway overhead (GET one product: through the gateway vs straight to catalog, both in containers)',
  );
  lines.push(
    `| | through gateway | straight to catalog | ratio |`,
    `|---|---|---|---|`,
    `| p50 at ${rate}/s (ms) | ${fmt(p(via, 'p50'))} | ${fmt(p(straight, 'p50'))} | ${ratio(p(via, 'p50'), p(straight, 'p50'))} |`,
    `| p99 at ${rate}/s (ms) | ${fmt(p(via, 'p99'))} | ${fmt(p(straight, 'p99'))} | ${ratio(p(via, 'p99'), p(straight, 'p99'))} |`,
    `| CPU µs/request: gateway | ${fmt(via.cpuPerRequest['gateway-1'], 0)} | — | |`,
    `| CPU µs/request: catalog | ${fmt(via.cpuPerRequest['catalog-1'], 0)} | ${fmt(straight.cpuPerRequest['catalog-direct-1'], 0)} | ${ratio(via.cpuPerRequest['catalog-1'], straight.cpuPerRequest['catalog-direct-1'])} |`,
    `| max throughput, 16 connections (req/s) | ${fmt(gwMax.via, 0)} | ${fmt(gwMax.direct, 0)} | ${ratio(gwMax.via, gwMax.direct)} |`,
  );
  compose(['stop', ...BENCH_EXTRAS]); // the rest of the run measures the stack alone

  // ---------------------------------------------------------------------------------------------
  log('checkout saga latency at fixed rates');
  const saga: {
    rate: number;
    result: Awaited<ReturnType<typeof runLoad>>;
    inSystem: { p50: number; p99: number; count: number };
    /** CPU µs per container during the measured phase, idle use subtracted. */
    cpu: Record<string, number | undefined>;
  }[] = [];
  for (const r of quick ? [2, 10] : [2, 5, 10, 20]) {
    const from = Date.now() / 1000;
    let cpu: Record<string, number | undefined> = {};
    const result = await runLoad({
      scenario: 'checkout',
      target: gateway,
      rate: r,
      durationS: seconds(20),
      aroundMeasurement: async (phase) => {
        const measured = await cpuDuring(projectContainers(project), first(STACK), phase);
        cpu = aboveIdle(measured.cpuUs, measured.seconds, idleFixed);
        return measured.result;
      },
    });
    // The saga's own duration, from orders' timestamps (created → CONFIRMED): no polling in it.
    const [p50, p99, confirmed] = psql(
      'orders',
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.99) WITHIN GROUP (ORDER BY d), count(*)
         FROM (SELECT extract(epoch FROM updated_at - created_at) * 1000 AS d FROM orders
               WHERE status = 'CONFIRMED' AND created_at >= to_timestamp(${from})) AS sagas`,
    )
      .split('|')
      .map(Number);
    saga.push({ rate: r, result, inSystem: { p50, p99, count: confirmed }, cpu });
    log(`  ${r}/s: ${confirmed} sagas confirmed, p50 ${fmt(p50)} ms in the system`);
  }
  section(
    'Checkout saga latency (signup, cart, checkout, then CONFIRMED; open model)',
    '"accept" is the POST /api/cart/checkout answer (202) from its scheduled time. "saga" is the',
    "order's own created → CONFIRMED time (orders' timestamps): four Kafka hops and five local",
    'transactions. "seen CONFIRMED" is what a client watching the order\'s event stream (SSE) sees.',
  );
  lines.push(
    `| rate | accept p50 | accept p99 | saga p50 | saga p99 | seen CONFIRMED p50 | p99 | errors |`,
    `|---|---|---|---|---|---|---|---|`,
  );
  for (const { rate: r, result, inSystem } of saga) {
    const c = result.extra['placement to CONFIRMED'];
    lines.push(
      `| ${r}/s | ${fmt(result.latencyMs.p50)} ms | ${fmt(result.latencyMs.p99)} ms | ${fmt(inSystem.p50)} ms | ${fmt(inSystem.p99)} ms | ${fmt(c.p50)} ms | ${fmt(c.p99)} ms | ${JSON.stringify({ ...result.latencyMs.errors, ...c.errors }) || '{}'} |`,
    );
  }

  lines.push(
    '',
    'CPU per confirmed checkout, ms, by container (cgroup, idle use subtracted; the client side',
    "counts too: each checkout is a cart PUT, the checkout, and the order's event stream):",
    '',
    `| rate | ${STACK.join(' | ')} | total |`,
    `|---|${STACK.map(() => '---|').join('')}---|`,
  );
  for (const { rate: r, cpu, inSystem } of saga) {
    const per = first(STACK).map((n) =>
      cpu[n] === undefined ? undefined : cpu[n] / 1000 / Math.max(1, inSystem.count),
    );
    const total = per.every((v) => v !== undefined)
      ? per.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)
      : undefined;
    lines.push(`| ${r}/s | ${per.map((v) => fmt(v)).join(' | ')} | ${fmt(total)} |`);
  }

  // ---------------------------------------------------------------------------------------------
  log('scaling catalog x1, x2, x3 (closed loop through the gateway), uncapped and capped');
  const scaling: Record<string, { replicas: number; rps: number }[]> = {};
  const listUrl = `${gateway}/api/catalog/products?limit=20`;
  for (const cap of CAPS) {
    for (const replicas of [1, 2, 3]) {
      compose(['up', '-d', '--wait', '--scale', `catalog=${replicas}`, 'catalog'], {
        BENCH_CATALOG_CPUS: cap,
      });
      await pause(2_000); // the gateway re-resolves replicas every second
      await closedLoop(listUrl, 16, 3); // warm-up
      (scaling[cap] ??= []).push({ replicas, ...(await closedLoop(listUrl, 24, seconds(10))) });
      log(`  catalog x${replicas} at ${cap} CPU each: ${fmt(scaling[cap].at(-1)?.rps, 0)} req/s`);
    }
  }
  compose(['up', '-d', '--wait', '--scale', 'catalog=1', 'catalog']);
  section(
    'Scaling catalog (product list pages through the gateway, 24 connections, closed loop)',
    `As shipped, each replica may use 1 CPU; on this machine (${cpus().length} cores) the replicas then`,
    'share the same cores with the gateway, Postgres and the load generator, and more replicas',
    'only add contention. With each replica capped at 0.25 CPU (a pod with a CPU limit) one',
    'replica is the bottleneck, which is the case scaling out is for.',
  );
  lines.push(
    `| catalog replicas | req/s, ${CAPS[0]} CPU each | vs x1 | req/s, ${CAPS[1]} CPU each | vs x1 |`,
    `|---|---|---|---|---|`,
  );
  for (let i = 0; i < 3; i++) {
    const [a, b] = CAPS.map((cap) => scaling[cap]);
    lines.push(
      `| ${i + 1} | ${fmt(a[i].rps, 0)} | ${ratio(a[i].rps, a[0].rps)} | ${fmt(b[i].rps, 0)} | ${ratio(b[i].rps, b[0].rps)} |`,
    );
  }

  // ---------------------------------------------------------------------------------------------
  log('payments consumer x1 vs x3: drain a backlog of payment requests');
  const email = `bench-${Date.now()}@example.com`;
  await call(gateway, 'POST', '/api/accounts/signup', {
    body: { email, password: 'bench-password', name: 'Bench' },
  });
  const { body: session } = await call<{ accessToken: string }>(
    gateway,
    'POST',
    '/api/accounts/login',
    { body: { email, password: 'bench-password' } },
  );
  const token = session?.accessToken ?? '';
  const count = quick ? 60 : 200;
  const drain: {
    cap: string;
    replicas: number;
    perSecond: number;
    paymentsCpu?: number;
    postgresCpu?: number;
  }[] = [];
  const placeOne = async (tag: string) => {
    const placed = await call<{ id: string }>(gateway, 'POST', '/api/orders', {
      token,
      body: {
        items: [{ productId, quantity: 1 }],
        payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
      },
      headers: { 'idempotency-key': tag },
    });
    if (!placed.body?.id) throw new Error(`order ${tag} not placed: HTTP ${placed.status}`);
    return placed.body.id;
  };
  for (const [cap, replicas] of CAPS.flatMap((c) => [1, 3].map((r) => [c, r] as const))) {
    // Replicas running and every one holding partitions first, so no start-up or rebalance is
    // timed; then frozen (docker pause, well inside the 30 s session timeout) while the backlog
    // is built, and thawed together.
    compose(['up', '-d', '--wait', '--scale', `payments=${replicas}`, 'payments'], {
      BENCH_PAYMENTS_CPUS: cap,
    });
    await until(
      `${replicas} payments group members with partitions`,
      () => paymentsMembers() === replicas,
      120_000,
    );
    compose(['pause', 'payments']);
    const ids: string[] = [];
    const tags = Array.from({ length: count }, (_, i) => `bench-${replicas}-${i}-${Date.now()}`);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let tag = tags.pop(); tag; tag = tags.pop()) ids.push(await placeOne(tag));
      }),
    );
    const idList = ids.map((id) => `'${id}'`).join(',');
    // The backlog is ready when every order waits on payment and orders' outbox has sent it all.
    await until(
      'the payment requests to be published',
      () =>
        Number(
          psql(
            'orders',
            `SELECT count(*) FROM orders WHERE id IN (${idList}) AND saga_step = 'AWAITING_PAYMENT'`,
          ),
        ) === count &&
        psql('orders', 'SELECT count(*) FROM outbox WHERE published_at IS NULL') === '0',
      60_000,
    );
    const replicaNames = Array.from({ length: replicas }, (_, i) => `payments-${i + 1}`);
    const { cpuUs } = await cpuDuring(
      projectContainers(project),
      [...replicaNames, 'postgres-1'],
      async () => {
        compose(['unpause', 'payments']);
        await until(
          `${count} payments`,
          () =>
            Number(
              psql('payments', `SELECT count(*) FROM payments WHERE order_id IN (${idList})`),
            ) === count,
          300_000,
        );
      },
    );
    const cpuPerPayment = (names: string[]) =>
      names.every((n) => cpuUs[n] !== undefined)
        ? names.reduce((total, n) => total + (cpuUs[n] ?? 0), 0) / count
        : undefined;
    const spanS = Number(
      psql(
        'payments',
        `SELECT extract(epoch FROM max(created_at) - min(created_at)) FROM payments WHERE order_id IN (${idList})`,
      ),
    );
    await until(
      `${count} orders confirmed`,
      () =>
        Number(
          psql(
            'orders',
            `SELECT count(*) FROM orders WHERE id IN (${idList}) AND status = 'CONFIRMED'`,
          ),
        ) === count,
      120_000,
    );
    drain.push({
      cap,
      replicas,
      perSecond: (count - 1) / spanS,
      paymentsCpu: cpuPerPayment(replicaNames),
      postgresCpu: cpuPerPayment(['postgres-1']),
    });
    log(
      `  payments x${replicas} at ${cap} CPU each: ${count} payments in ${fmt(spanS)} s, all orders confirmed`,
    );
  }
  compose(['up', '-d', '--wait', '--scale', 'payments=1', 'payments']);
  section(
    'Scaling the payments consumer (a backlog of payment requests drained)',
    `x1 or x3 replicas running, each holding partitions of the 6; frozen (\`docker pause\`) while`,
    `${count} orders are placed, then thawed together. Rate = payments written per second, first to`,
    "last (payments' own timestamps); every order was then CONFIRMED once. As for catalog: each",
    'replica as shipped (1 CPU), and capped at 0.25 CPU.',
  );
  lines.push(
    `| CPU per replica | payments replicas | payments/s | vs x1 | CPU µs per payment: payments (all replicas) | Postgres |`,
    `|---|---|---|---|---|---|`,
  );
  for (const d of drain) {
    const x1 = drain.find((e) => e.cap === d.cap && e.replicas === 1);
    lines.push(
      `| ${d.cap} | ${d.replicas} | ${fmt(d.perSecond)} | ${ratio(d.perSecond, x1?.perSecond)} | ${fmt(d.paymentsCpu, 0)} | ${fmt(d.postgresCpu, 0)} |`,
    );
  }

  // ---------------------------------------------------------------------------------------------
  section('Footprint');
  lines.push(
    `Time from \`docker compose up\` (fresh volumes) to all healthy: **${fmt(upSeconds)} s**.`,
    '',
    `| container | idle MiB | after the gateway load MiB |`,
    `|---|---|---|`,
  );
  const stackMemory = (m: Record<string, number>) =>
    Object.fromEntries(Object.entries(m).filter(([n]) => STACK.includes(n.replace(/-\d+$/, ''))));
  const idleStack = stackMemory(idleMemory);
  const loadedStack = stackMemory(loadedMemory);
  for (const name of Object.keys(idleStack).sort())
    lines.push(`| ${name} | ${fmt(idleStack[name], 0)} | ${fmt(loadedStack[name], 0)} |`);
  lines.push(
    `| **whole stack** | **${fmt(sum(idleStack), 0)}** | **${fmt(sum(loadedStack), 0)}** |`,
  );

  compose(['down', '-v', '--remove-orphans']);
  const header = [
    `Measured on ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick pass: short rounds, read with care)' : ''}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, the load generator on the same machine as the system, in ${fmt((Date.now() - startedAt) / 60_000, 0)} minutes.`,
  ];
  const figures = [...header, ...lines].join('\n');
  writeBenchBlock(BEGIN, END, figures);
  log('wrote the figures into BENCHMARKS.md (between the bench markers; the analysis is kept)');
  console.log(figures);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  try {
    compose(['down', '-v', '--remove-orphans']);
  } catch {
    // nothing to clean
  }
  process.exit(1);
});
