// `npm run bench:floor`: what this machine can do for one proxied read in containers when the
// programs do nothing else, the floor under the gateway figures of `bench:edge` (about 4
// minutes). Three paths, interleaved over rounds, GET one product with autocannon (50
// connections) through a published port, as in the composed stack:
//   - one hop: a bare Node HTTP server in a container, answering a fixed product;
//   - two hops: a bare undici proxy in a container in front of that server;
//   - two hops: the gateway image as shipped in front of that server.
// CPU per request is each container's own (cgroup); autocannon's own CPU is reported too. The
// containers come from the gateway image (it has Node and undici); nothing else is started.
// Rewrites the figures between the floor markers in BENCHMARKS.md.
//
//   docker compose -f deploy/compose/docker-compose.yml build gateway && npm run bench:floor
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { autocannonLoop, cpuMicros } from './measure';
import { writeBenchBlock } from './report';
import { benchLogger, fmt, meanOf, ratio, runBench, untilAnswering } from './tag-compare';

const IMAGE = `${process.env['SHOP_IMAGE_PREFIX'] ?? 'shop'}/gateway:${process.env['SHOP_IMAGE_TAG'] ?? 'dev'}`;
const PORT = Number(process.env['BENCH_FLOOR_PORT'] ?? 18290);
const ROUNDS = Number(process.env['BENCH_FLOOR_ROUNDS'] ?? 3);
const LOAD_S = Number(process.env['BENCH_FLOOR_LOAD_S'] ?? 10);
const NETWORK = 'shop-bench-floor';
const PRODUCT = '3f1d2c4e-1111-4222-8333-444455556666';
const log = benchLogger();

/** The stand-in catalog: the same product every time, nothing else. */
const SERVER_JS = `
const body = JSON.stringify({ id: '${PRODUCT}', sku: 'BENCH-1', name: 'bench item',
  description: 'Used by the floor bench', category: 'bench', priceCents: 500, currency: 'USD', stock: 10 });
require('node:http').createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(3000, '0.0.0.0');`;

/** Forwarding and nothing else: undici's Pool, the status, two headers, the body piped. */
const PROXY_JS = `
const { Pool } = require('/app/node_modules/undici');
const pool = new Pool('http://floor-server:3000', { connections: 64 });
require('node:http').createServer(async (req, res) => {
  const up = await pool.request({ method: req.method, path: req.url });
  res.writeHead(up.statusCode, { 'content-type': up.headers['content-type'], 'content-length': up.headers['content-length'] });
  up.body.pipe(res);
}).listen(8080, '0.0.0.0');`;

interface Path {
  readonly name: string;
  readonly container: string;
  readonly port: number;
  readonly url: string;
}

const PATHS: Path[] = [
  {
    name: 'one hop: bare Node server',
    container: 'floor-server',
    port: PORT,
    url: `http://127.0.0.1:${PORT}/products/${PRODUCT}`,
  },
  {
    name: 'two hops: bare undici proxy → bare server',
    container: 'floor-proxy',
    port: PORT + 1,
    url: `http://127.0.0.1:${PORT + 1}/products/${PRODUCT}`,
  },
  {
    name: 'two hops: gateway as shipped → bare server',
    container: 'floor-gateway',
    port: PORT + 2,
    url: `http://127.0.0.1:${PORT + 2}/api/catalog/products/${PRODUCT}`,
  },
];

const docker = (...args: string[]) =>
  execFileSync('docker', args, { stdio: 'pipe' }).toString().trim();

function removeAll(): void {
  for (const { container } of PATHS) {
    try {
      docker('rm', '-f', container);
    } catch {
      // not there
    }
  }
  try {
    docker('network', 'rm', NETWORK);
  } catch {
    // not there
  }
}

function startAll(): Map<string, string> {
  removeAll();
  docker('network', 'create', NETWORK);
  const run = (name: string, port: number, containerPort: number, ...rest: string[]) =>
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      NETWORK,
      '-p',
      `127.0.0.1:${port}:${containerPort}`,
      ...rest,
    );
  const ids = new Map<string, string>();
  ids.set(
    'floor-server',
    run('floor-server', PORT, 3000, '--entrypoint', 'node', IMAGE, '-e', SERVER_JS),
  );
  ids.set(
    'floor-proxy',
    run('floor-proxy', PORT + 1, 8080, '--entrypoint', 'node', IMAGE, '-e', PROXY_JS),
  );
  const upstreams = ['ACCOUNTS', 'CATALOG', 'CART', 'ORDERS', 'PAYMENTS'].flatMap((s) => [
    '-e',
    `${s}_URL=http://floor-server:3000`,
  ]);
  ids.set(
    'floor-gateway',
    run(
      'floor-gateway',
      PORT + 2,
      8080,
      '-e',
      'PORT=8080',
      '-e',
      'LOG_LEVEL=info',
      '-e',
      'SERVED_BY_HEADER=true',
      ...upstreams,
      IMAGE,
    ),
  );
  return ids;
}

interface Sample {
  readonly rps: number;
  /** CPU µs per request of the container the load enters (the server, a proxy, the gateway). */
  readonly entryCpu: number;
  /** CPU µs per request of the bare server behind a proxy (its own share of a two-hop read). */
  readonly serverCpu: number;
  readonly generatorCpuPercent: number;
  readonly errors: number;
}

async function sample(path: Path, ids: Map<string, string>): Promise<Sample> {
  await autocannonLoop(path.url, 50, 3); // warm-up
  const entry = ids.get(path.container) ?? '';
  const server = ids.get('floor-server') ?? '';
  const [e0, s0] = [cpuMicros(entry) ?? NaN, cpuMicros(server) ?? NaN];
  const result = await autocannonLoop(path.url, 50, LOAD_S);
  const [e1, s1] = [cpuMicros(entry) ?? NaN, cpuMicros(server) ?? NaN];
  const ok = result.requests - result.errors;
  return {
    rps: result.rps,
    entryCpu: (e1 - e0) / ok,
    serverCpu: path.container === 'floor-server' ? NaN : (s1 - s0) / ok,
    generatorCpuPercent: result.generatorCpuPercent,
    errors: result.errors,
  };
}

const BEGIN = '<!-- floor:begin (written by npm run bench:floor) -->';
const END = '<!-- floor:end -->';

async function main(): Promise<void> {
  log(`starting the containers from ${IMAGE}`);
  const ids = startAll();
  const samples: Record<string, Sample[]> = Object.fromEntries(PATHS.map((p) => [p.name, []]));
  try {
    for (const path of PATHS) await untilAnswering(path.url);
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of round % 2 === 0 ? PATHS : [...PATHS].reverse()) {
        const s = await sample(path, ids);
        samples[path.name].push(s);
        log(
          `round ${round + 1}/${ROUNDS} ${path.name}: ${fmt(s.rps)} req/s, ${fmt(s.entryCpu)} µs CPU/request`,
        );
      }
    }
  } finally {
    removeAll();
  }
  const mean = (name: string, pick: (s: Sample) => number) =>
    meanOf(samples[name], (s) => (Number.isNaN(pick(s)) ? undefined : pick(s)));
  const base = PATHS[0].name;
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores; ${ROUNDS} rounds, paths interleaved; GET one product through a published port (as in the composed stack), autocannon with 50 connections for ${LOAD_S} s after a 3 s warm-up, on the same machine. CPU is each container's own (cgroup).`,
    '',
    '| path | req/s | vs one hop | CPU µs/request: entry container | the server behind it | autocannon, % of a core | errors |',
    '|---|---|---|---|---|---|---|',
    ...PATHS.map(
      ({ name }) =>
        `| ${name} | ${fmt(mean(name, (s) => s.rps))} | ${ratio(
          mean(name, (s) => s.rps),
          mean(base, (s) => s.rps),
        )} | ${fmt(mean(name, (s) => s.entryCpu))} | ${fmt(mean(name, (s) => s.serverCpu))} | ${fmt(mean(name, (s) => s.generatorCpuPercent))} | ${samples[name].reduce((a, s) => a + s.errors, 0)} |`,
    ),
  ].join('\n');
  writeBenchBlock(BEGIN, END, lines);
  log('wrote the figures into BENCHMARKS.md (between the floor markers)');
  console.log(lines);
}

runBench('floor', main);
