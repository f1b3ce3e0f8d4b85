// `npm run bench:edge`: the request path of issue 12 (performance) on two or more sets of images
// side by side, e.g. the code before and after a change. One stack (compose project shop-edge,
// gateway on 127.0.0.1:18092, catalog published for the direct rows) whose services are switched
// to each image tag in turn, rounds alternating the order; per tag and round:
// GET one product, closed loop, 50 connections, through the gateway, straight to catalog, and to
// a raw Fastify + pg handler doing the same work; the gateway figure cross-checked with
// autocannon; then a fixed 1,000 req/s through the gateway. Rewrites the figures between the
// edge markers in BENCHMARKS.md.
//
//   SHOP_IMAGE_TAG=before docker compose -f deploy/compose/docker-compose.yml build   (older commit)
//   docker compose -f deploy/compose/docker-compose.yml build                         (this one: dev)
//   EDGE_TAGS=before,dev npm run bench:edge
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createBenchProduct } from './bench-product';
import {
  autocannonLoop,
  closedLoop,
  cpuDuring,
  fixedRate,
  projectContainers,
  type ClosedLoopResult,
  type LatencySummary,
} from './measure';
import { writeBenchBlock } from './report';
import {
  benchLogger,
  compareTagsInPlace,
  fmt,
  meanOf,
  pause,
  ratio,
  runBench,
  type TagStack,
} from './tag-compare';

const root = join(__dirname, '../..');
const project = 'shop-edge';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ports = {
  gateway: env('EDGE_GATEWAY_PORT', 18092),
  direct: env('EDGE_CATALOG_DIRECT_PORT', 18093),
  raw: env('EDGE_CATALOG_RAW_PORT', 18094),
};
const TAGS = (process.env['EDGE_TAGS'] ?? 'before,dev').split(',').filter(Boolean);
const ROUNDS = env('EDGE_ROUNDS', 3);
const CONNECTIONS = 50;
const LOAD_S = env('EDGE_LOAD_S', 10);
const FIXED_RATE = env('EDGE_FIXED_RATE', 1000);
const FIXED_S = env('EDGE_FIXED_S', 30);
const SHARED = ['postgres', 'kafka'];
const SERVICES = [
  'accounts',
  'catalog',
  'cart',
  'orders',
  'payments',
  'gateway',
  'catalog-direct',
  'catalog-raw',
];
const log = benchLogger();

interface Loop extends ClosedLoopResult {
  /** CPU µs per request, by container. */
  readonly cpuPerRequest: Record<string, number | undefined>;
}

interface Sample {
  readonly gateway: Loop;
  readonly direct: Loop;
  readonly raw: Loop;
  readonly autocannon: ClosedLoopResult;
  readonly fixed: LatencySummary & { generatorCpuPercent: number };
}

async function loop(url: string, containers: string[]): Promise<Loop> {
  await closedLoop(url, CONNECTIONS, 3); // warm-up: connections, JIT of the request path
  const { result, cpuUs } = await cpuDuring(projectContainers(project), containers, () =>
    closedLoop(url, CONNECTIONS, LOAD_S),
  );
  const cpuPerRequest = Object.fromEntries(
    containers.map((c) => [c, result.requests ? (cpuUs[c] ?? NaN) / result.requests : undefined]),
  );
  return { ...result, cpuPerRequest };
}

async function sample(_stack: TagStack): Promise<Sample> {
  await pause(10_000); // start-up work (consumer group joins, first polls) settles
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const id = await createBenchProduct(gateway, 'edge', 10);
  const urls = {
    gateway: `${gateway}/api/catalog/products/${id}`,
    direct: `http://127.0.0.1:${ports.direct}/products/${id}`,
    raw: `http://127.0.0.1:${ports.raw}/products/${id}`,
  };
  const through = await loop(urls.gateway, ['gateway-1', 'catalog-1', 'postgres-1']);
  const direct = await loop(urls.direct, ['catalog-direct-1', 'postgres-1']);
  const raw = await loop(urls.raw, ['catalog-raw-1', 'postgres-1']);
  const cross = await autocannonLoop(urls.gateway, CONNECTIONS, LOAD_S);
  const fixed = await fixedRate(urls.gateway, FIXED_RATE, FIXED_S);
  return { gateway: through, direct, raw, autocannon: cross, fixed };
}

const BEGIN = '<!-- edge:begin (written by npm run bench:edge) -->';
const END = '<!-- edge:end -->';

async function main(): Promise<void> {
  const samples = await compareTagsInPlace(
    {
      shared: SHARED,
      project,
      files: [
        join(root, 'deploy/compose/docker-compose.yml'),
        join(__dirname, 'compose.bench.yml'),
      ],
      env: {
        GATEWAY_PORT: String(ports.gateway),
        CATALOG_DIRECT_PORT: String(ports.direct),
        CATALOG_RAW_PORT: String(ports.raw),
      },
      tags: TAGS,
      rounds: ROUNDS,
      log,
    },
    SERVICES,
    sample,
    (s) =>
      `gateway ${fmt(s.gateway.rps)} req/s (autocannon ${fmt(s.autocannon.rps)}), direct ${fmt(s.direct.rps)}, raw ${fmt(s.raw.rps)}; ${FIXED_RATE}/s p99 ${fmt(s.fixed.p99, 1)} ms, ${Object.values(s.fixed.errors).reduce((a, b) => a + b, 0)} errors`,
  );
  const [base] = TAGS;
  const m = (tag: string, pick: (s: Sample) => number | undefined) => meanOf(samples[tag], pick);
  const vs = (tag: string, pick: (s: Sample) => number | undefined) =>
    ratio(m(tag, pick), m(base, pick));
  const errors = (tag: string, pick: (s: Sample) => number) =>
    samples[tag].reduce((a, s) => a + pick(s), 0);
  const fixedErrors = (s: Sample) => Object.values(s.fixed.errors).reduce((a, b) => a + b, 0);
  const row = (label: string, pick: (s: Sample) => number | undefined, digits = 0) =>
    `| ${label} | ${TAGS.map((t) => `${fmt(m(t, pick), digits)}${t === base ? '' : ` (${vs(t, pick)})`}`).join(' | ')} |`;
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores; ${ROUNDS} rounds on one stack (Postgres and Kafka kept, the services switched to each image tag in turn, order alternating); GET one product, closed loop, ${CONNECTIONS} connections, ${LOAD_S} s after a 3 s warm-up; the load generator (undici \`Pool\`, and autocannon for the cross-check) in the bench's process on the same machine. In brackets: the ratio to \`${base}\`.`,
    '',
    `| GET one product | ${TAGS.join(' | ')} |`,
    `|---|${TAGS.map(() => '---').join('|')}|`,
    row('through the gateway, req/s', (s) => s.gateway.rps),
    row('the same, autocannon, req/s', (s) => s.autocannon.rps),
    row('straight to catalog, req/s', (s) => s.direct.rps),
    row('raw Fastify + pg, req/s', (s) => s.raw.rps),
    row('gateway / straight to catalog', (s) => s.gateway.rps / s.direct.rps, 2),
    row('catalog / raw Fastify + pg', (s) => s.direct.rps / s.raw.rps, 2),
    row('gateway CPU µs/request', (s) => s.gateway.cpuPerRequest['gateway-1']),
    row('catalog CPU µs/request (behind the gateway)', (s) => s.gateway.cpuPerRequest['catalog-1']),
    row('catalog CPU µs/request (direct)', (s) => s.direct.cpuPerRequest['catalog-direct-1']),
    row('raw handler CPU µs/request', (s) => s.raw.cpuPerRequest['catalog-raw-1']),
    row(
      'Postgres CPU µs/request (through the gateway)',
      (s) => s.gateway.cpuPerRequest['postgres-1'],
    ),
    row('load generator CPU, % of a core (gateway loop)', (s) => s.gateway.generatorCpuPercent),
    row('autocannon CPU, % of a core', (s) => s.autocannon.generatorCpuPercent),
    `| errors (closed loops) | ${TAGS.map((t) => errors(t, (s) => s.gateway.errors + s.direct.errors + s.raw.errors + s.autocannon.errors)).join(' | ')} |`,
    row(
      `fixed ${FIXED_RATE} req/s through the gateway for ${FIXED_S} s: p50 ms`,
      (s) => s.fixed.p50,
      1,
    ),
    row('the same: p99 ms', (s) => s.fixed.p99, 1),
    row('the same: max ms', (s) => s.fixed.max, 1),
    `| the same: errors | ${TAGS.map((t) => errors(t, fixedErrors)).join(' | ')} |`,
    row('the same: load generator CPU, % of a core', (s) => s.fixed.generatorCpuPercent),
  ].join('\n');
  writeBenchBlock(BEGIN, END, lines);
  log('wrote the figures into BENCHMARKS.md (between the edge markers)');
  console.log(lines);
}

runBench('edge', main);
