// `npm run bench:runtimes`: the same system on two (or more) sets of images side by side, e.g.
// the same code on Node.js 20 and on Node.js 24. Starts its own stack (compose project
// shop-runtimes, gateway on 127.0.0.1:18091) once per image tag and round, measures, removes it,
// and rewrites the figures between the runtimes markers in BENCHMARKS.md.
//
//   RUNTIME_TAGS=node20,node24 npm run bench:runtimes
//
// Each tag names images built beforehand, for example from one commit:
//   deploy/offline/provision.sh --node-only 20.20.2     (no registry: a stand-in for node:20)
//   SHOP_IMAGE_TAG=node20 NODE_IMAGE=shop-local/node:20 docker compose -f deploy/compose/docker-compose.yml build
//   SHOP_IMAGE_TAG=node24 NODE_IMAGE=shop-local/node:24 docker compose -f deploy/compose/docker-compose.yml build
// Rounds alternate the order (A B, B A, ...) so a drift of the machine's load hits both alike.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createBenchProduct } from './bench-product';
import { closedLoop, cpuDuring, memoryByContainer, projectContainers } from './measure';
import { writeBenchBlock } from './report';
import {
  benchLogger,
  compareTags,
  fmt,
  meanOf,
  pause,
  ratio,
  runBench,
  type TagCompareOptions,
  type TagStack,
} from './tag-compare';

const root = join(__dirname, '../..');
const project = 'shop-runtimes';
const gatewayPort = Number(process.env['RUNTIMES_GATEWAY_PORT'] ?? 18091);
const gateway = `http://127.0.0.1:${gatewayPort}`;
const TAGS = (process.env['RUNTIME_TAGS'] ?? 'node20,node24').split(',').filter(Boolean);
const ROUNDS = Number(process.env['RUNTIME_ROUNDS'] ?? 2);
const CONNECTIONS = 50;
const LOAD_S = 10;
const SERVICES = ['gateway', 'accounts', 'catalog', 'cart', 'orders', 'payments'];
const STACK = ['postgres', 'kafka', ...SERVICES];
const log = benchLogger();
const options: TagCompareOptions = {
  project,
  files: [join(root, 'deploy/compose/docker-compose.yml')],
  env: { GATEWAY_PORT: String(gatewayPort) },
  tags: TAGS,
  rounds: ROUNDS,
  log,
};

interface Sample {
  readonly rps: number;
  readonly errors: number;
  /** CPU µs per request in the gateway and in catalog. */
  readonly cpuPerRequest: { gateway?: number; catalog?: number };
  /** MiB per service container, 20 s after all were healthy, before any request. */
  readonly idleMiB: Record<string, number>;
  readonly loadedMiB: Record<string, number>;
  readonly nodeVersion: string;
}

async function sample({ compose }: TagStack): Promise<Sample> {
  compose(['up', '-d', '--wait', '--wait-timeout', '300', ...STACK]);
  const nodeVersion = compose(['exec', '-T', 'catalog', 'node', '--version']).trim();
  await pause(20_000); // start-up work (topic creation, first polls, JIT of the boot path) settles
  const idleMiB = memoryByContainer(project);
  const url = `${gateway}/api/catalog/products/${await createBenchProduct(gateway, 'runtimes', 10)}`;
  await closedLoop(url, CONNECTIONS, 3); // warm-up: connections, JIT of the request path
  const containers = projectContainers(project);
  const { result, cpuUs } = await cpuDuring(containers, ['gateway-1', 'catalog-1'], () =>
    closedLoop(url, CONNECTIONS, LOAD_S),
  );
  const loadedMiB = memoryByContainer(project);
  const perRequest = (us: number | undefined) =>
    us === undefined || result.requests === 0 ? undefined : us / result.requests;
  return {
    rps: result.rps,
    errors: result.errors,
    cpuPerRequest: {
      gateway: perRequest(cpuUs['gateway-1']),
      catalog: perRequest(cpuUs['catalog-1']),
    },
    idleMiB,
    loadedMiB,
    nodeVersion,
  };
}

const BEGIN = '<!-- runtimes:begin (written by npm run bench:runtimes) -->';
const END = '<!-- runtimes:end -->';

async function main(): Promise<void> {
  const samples = await compareTags(
    options,
    sample,
    (s) => `${s.nodeVersion}: ${fmt(s.rps)} req/s (${s.errors} errors)`,
  );
  const [base] = TAGS;
  const mean = (tag: string, pick: (s: Sample) => number | undefined) => meanOf(samples[tag], pick);
  const vsBase = (tag: string, pick: (s: Sample) => number | undefined) =>
    ratio(mean(tag, pick), mean(base, pick));
  const rps = (s: Sample) => s.rps;
  const gwCpu = (s: Sample) => s.cpuPerRequest.gateway;
  const catCpu = (s: Sample) => s.cpuPerRequest.catalog;
  const idleSum = (s: Sample) => SERVICES.reduce((a, n) => a + (s.idleMiB[`${n}-1`] ?? 0), 0);
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores; ${ROUNDS} rounds, a fresh stack per image tag and round, order alternating; GET one product through the gateway, closed loop, ${CONNECTIONS} connections, ${LOAD_S} s after a 3 s warm-up (load generator in this process). Ratios are against \`${base}\`.`,
    '',
    '| images | Node.js | req/s | vs base | errors | gateway CPU µs/request | vs base | catalog CPU µs/request | vs base | idle MiB, six services | vs base |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...TAGS.map(
      (t) =>
        `| ${t} | ${samples[t][0]?.nodeVersion} | ${fmt(mean(t, rps))} | ${vsBase(t, rps)} | ${samples[t].reduce((a, s) => a + s.errors, 0)} | ${fmt(mean(t, gwCpu))} | ${vsBase(t, gwCpu)} | ${fmt(mean(t, catCpu))} | ${vsBase(t, catCpu)} | ${fmt(mean(t, idleSum))} | ${vsBase(t, idleSum)} |`,
    ),
    '',
    'Memory per service (MiB, mean of the rounds): idle, 20 s after all were healthy / after the load.',
    '',
    `| service | ${TAGS.join(' | ')} |`,
    `|---|${TAGS.map(() => '---').join('|')}|`,
    ...SERVICES.map(
      (n) =>
        `| ${n} | ${TAGS.map((t) => `${fmt(mean(t, (s) => s.idleMiB[`${n}-1`]))} / ${fmt(mean(t, (s) => s.loadedMiB[`${n}-1`]))}`).join(' | ')} |`,
    ),
  ].join('\n');
  writeBenchBlock(BEGIN, END, lines);
  log('wrote the figures into BENCHMARKS.md (between the runtimes markers)');
  console.log(lines);
}

runBench('runtimes', main);
