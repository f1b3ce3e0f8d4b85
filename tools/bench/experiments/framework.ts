// Framework: GET one product from catalog as shipped (Nest + Fastify), from catalog without
// telemetry or request logs, and from a raw Fastify + pg handler, each straight to its container.
import { closedLoop } from '../measure';
import { READ_RATE, interleaved, type StackContext } from './context';
import { avg, fmt, ratio, section } from './format';

export async function framework(ctx: StackContext): Promise<string[]> {
  const { catalogUrls, productId } = ctx;
  const rate = READ_RATE;
  const roundS = ctx.seconds(10);
  ctx.log('framework: Nest as shipped vs Nest without telemetry/logs vs raw Fastify (interleaved)');
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
  const fw = await interleaved(ctx, framework, rate, 2, roundS);
  const fwMax: Record<string, number> = {};
  for (const [name, t] of Object.entries(framework))
    fwMax[name] = (await closedLoop(t.url, 16, roundS)).rps;
  const serviceOf = (name: keyof typeof framework) => framework[name].containers[0];
  const base = 'raw Fastify + pg';
  const rows = [
    `| | p50 ms | p99 ms | service CPU µs/request | vs raw | max req/s (16 connections) | vs raw |`,
    `|---|---|---|---|---|---|---|`,
  ];
  for (const name of Object.keys(framework) as (keyof typeof framework)[]) {
    const m = fw[name];
    const cpu = m.cpuPerRequest[serviceOf(name)];
    rows.push(
      `| ${name} | ${fmt(avg(m.latency.map((l) => l.p50)))} | ${fmt(avg(m.latency.map((l) => l.p99)))} | ${fmt(cpu, 0)} | ${ratio(cpu, fw[base].cpuPerRequest[serviceOf(base)])} | ${fmt(fwMax[name], 0)} | ${ratio(fwMax[name], fwMax[base])} |`,
    );
  }
  return section(
    'Framework: Nest + Fastify vs a raw Fastify handler (GET one product, straight to the container)',
    [
      'The same row mapping and 404 body in all three (raw: tools/bench/raw-catalog.js in the catalog',
      'image), but not the same work: catalog serves a product it has read before from its read cache',
      '(kept fresh by Postgres change notices), the raw handler queries Postgres every time. The',
      'like-for-like comparison (both querying) is in the "request path, step by step" section.',
      `Fixed rate ${rate}/s, two interleaved rounds of ${roundS} s each; CPU is the service`,
      "container's own (cgroup), idle use subtracted, per request.",
    ],
    rows,
  );
}
