// `npm run bench:gateway`: the gateway's own cost per proxied request, without containers, in
// about two minutes: the built gateway (dist/apps/gateway, `nx run gateway:build`) in front of a
// stand-in catalog (a bare Node server answering one product), loaded by autocannon (GET one
// product, 50 connections). Variants run interleaved, each round in alternating order: as
// shipped, without request logs, without OpenTelemetry, without both, and a bare undici proxy
// in their place (the floor of this machine). CPU per request is the gateway process's own
// (user + system, /proc). Rewrites the figures between the gateway-alone markers in BENCHMARKS.md.
//
//   npx nx run gateway:build && npm run bench:gateway
//
// An older build side by side: BENCH_GATEWAY_BEFORE=<its main.js> adds it as a variant (keep it
// under dist/ so it finds node_modules), e.g. from a worktree of the older commit:
//   git worktree add /tmp/before <commit> && (cd /tmp/before && ln -s /work/main/node_modules &&
//   npx nx run gateway:build) && cp -r /tmp/before/dist/apps/gateway dist/gateway-before
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeBenchBlock } from './report';
import { benchLogger, fmt, meanOf, ratio, runBench, untilAnswering } from './tag-compare';

const root = join(__dirname, '../..');
const GATEWAY = join(root, 'dist/apps/gateway/main.js');
const PRODUCT = '3f1d2c4e-1111-4222-8333-444455556666';
const GATEWAY_PORT = Number(process.env['BENCH_GATEWAY_ALONE_PORT'] ?? 18190);
const UPSTREAM_PORT = GATEWAY_PORT + 1;
const ROUNDS = Number(process.env['BENCH_GATEWAY_ROUNDS'] ?? 3);
const LOAD_S = Number(process.env['BENCH_GATEWAY_LOAD_S'] ?? 8);
const log = benchLogger();

interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
  /** A bare undici proxy instead of the gateway. */
  readonly bare?: boolean;
  /** Another build of the gateway (its main.js). */
  readonly main?: string;
}

const BEFORE = process.env['BENCH_GATEWAY_BEFORE'];
const VARIANTS: readonly Variant[] = [
  { name: 'gateway as shipped', env: {} },
  ...(BEFORE ? [{ name: `before: ${BEFORE}`, env: {}, main: BEFORE }] : []),
  { name: 'without request logs (LOG_LEVEL=warn)', env: { LOG_LEVEL: 'warn' } },
  { name: 'without OpenTelemetry (OTEL_SDK_DISABLED)', env: { OTEL_SDK_DISABLED: 'true' } },
  { name: 'without both', env: { LOG_LEVEL: 'warn', OTEL_SDK_DISABLED: 'true' } },
  { name: 'bare undici proxy (the floor)', env: {}, bare: true },
];

/** What a stand-in catalog answers: the same product, every time. */
function startUpstream(): Promise<() => void> {
  const body = JSON.stringify({
    id: PRODUCT,
    sku: 'BENCH-1',
    name: 'bench item',
    description: 'Used by the gateway bench',
    category: 'bench',
    priceCents: 500,
    currency: 'USD',
    stock: 10,
  });
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(UPSTREAM_PORT, '127.0.0.1', () => resolve(() => server.close())),
  );
}

/** A proxy with nothing but undici's Pool: what forwarding itself costs here. */
const BARE_PROXY = `
const http = require('node:http');
const { Pool } = require('undici');
const pool = new Pool('http://127.0.0.1:${UPSTREAM_PORT}', { connections: 64 });
http.createServer(async (req, res) => {
  const up = await pool.request({ method: req.method, path: req.url.replace('/api/catalog', '') });
  res.writeHead(up.statusCode, { 'content-type': up.headers['content-type'], 'content-length': up.headers['content-length'] });
  up.body.pipe(res);
}).listen(${GATEWAY_PORT}, '127.0.0.1');
`;

function start(variant: Variant): ChildProcess {
  const upstream = `http://127.0.0.1:${UPSTREAM_PORT}`;
  const env = {
    ...process.env,
    PORT: String(GATEWAY_PORT),
    ACCOUNTS_URL: upstream,
    CATALOG_URL: upstream,
    CART_URL: upstream,
    ORDERS_URL: upstream,
    PAYMENTS_URL: upstream,
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
    NODE_OPTIONS: '',
    ...variant.env,
  };
  const args = variant.bare ? ['-e', BARE_PROXY] : [variant.main ?? GATEWAY, 'serve'];
  return spawn(process.execPath, args, { env, cwd: root, stdio: 'ignore' });
}

/** user + system CPU of a process so far, in microseconds (/proc/<pid>/stat, clock ticks). */
function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime at 100 ticks/s
}

interface Sample {
  readonly rps: number;
  readonly cpuPerRequest: number;
  readonly errors: number;
}

async function sample(variant: Variant): Promise<Sample> {
  const url = `http://127.0.0.1:${GATEWAY_PORT}/api/catalog/products/${PRODUCT}`;
  const child = start(variant);
  try {
    await untilAnswering(url);
    await autocannon({ url, connections: 50, duration: 3 }); // warm-up
    const before = processCpuMicros(child.pid ?? 0);
    const result = await autocannon({ url, connections: 50, duration: LOAD_S });
    const used = processCpuMicros(child.pid ?? 0) - before;
    const ok = result['2xx'];
    return {
      rps: ok / LOAD_S,
      cpuPerRequest: ok ? used / ok : NaN,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const BEGIN = '<!-- gateway-alone:begin (written by npm run bench:gateway) -->';
const END = '<!-- gateway-alone:end -->';

async function main(): Promise<void> {
  if (!existsSync(GATEWAY)) throw new Error(`build the gateway first: npx nx run gateway:build`);
  const stopUpstream = await startUpstream();
  const samples: Record<string, Sample[]> = Object.fromEntries(VARIANTS.map((v) => [v.name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
        const s = await sample(variant);
        samples[variant.name].push(s);
        log(
          `round ${round + 1}/${ROUNDS} ${variant.name}: ${fmt(s.rps)} req/s, ${fmt(s.cpuPerRequest)} µs CPU/request`,
        );
      }
    }
  } finally {
    stopUpstream();
  }
  const base = VARIANTS[0].name;
  const cpu = (name: string) => meanOf(samples[name], (s) => s.cpuPerRequest);
  const rps = (name: string) => meanOf(samples[name], (s) => s.rps);
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores; ${ROUNDS} rounds, variants interleaved; GET one product through the gateway process (no containers) to a stand-in catalog, autocannon with 50 connections for ${LOAD_S} s after a 3 s warm-up, all on the same machine. CPU is the gateway process's own.`,
    '',
    '| gateway | CPU µs/request | vs as shipped | req/s | errors |',
    '|---|---|---|---|---|',
    ...VARIANTS.map(
      (v) =>
        `| ${v.name} | ${fmt(cpu(v.name))} | ${ratio(cpu(v.name), cpu(base))} | ${fmt(rps(v.name))} | ${samples[v.name].reduce((a, s) => a + s.errors, 0)} |`,
    ),
  ].join('\n');
  writeBenchBlock(BEGIN, END, lines);
  log('wrote the figures into BENCHMARKS.md (between the gateway-alone markers)');
  console.log(lines);
}

runBench('gateway-alone', main);
