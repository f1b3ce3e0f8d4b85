// Gateway overhead: GET one product through the gateway vs straight to catalog, both in
// containers; the memory of every container is read right after this load (see footprint.ts).
import { closedLoop, memoryByContainer } from '../measure';
import { BENCH_EXTRAS, READ_RATE, interleaved, type Measured, type StackContext } from './context';
import { avg, fmt, ratio, section } from './format';

export async function gatewayHop(
  ctx: StackContext,
): Promise<{ loadedMemory: Record<string, number>; lines: string[] }> {
  const { gateway, catalogUrls, productId } = ctx;
  const rate = READ_RATE;
  const roundS = ctx.seconds(10);
  ctx.log('gateway overhead: through the gateway vs straight to catalog (interleaved)');
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
  const gw = await interleaved(ctx, hop, rate, 2, roundS);
  const gwMax = {
    via: (await closedLoop(hop['through the gateway'].url, 16, roundS)).rps,
    direct: (await closedLoop(hop['straight to catalog'].url, 16, roundS)).rps,
  };
  const via = gw['through the gateway'];
  const straight = gw['straight to catalog'];
  const p = (m: Measured, q: 'p50' | 'p99') => avg(m.latency.map((l) => l[q]));
  const loadedMemory = memoryByContainer(ctx.project);
  const lines = section(
    'Gateway overhead (GET one product: through the gateway vs straight to catalog, both in containers)',
    [],
    [
      `| | through gateway | straight to catalog | ratio |`,
      `|---|---|---|---|`,
      `| p50 at ${rate}/s (ms) | ${fmt(p(via, 'p50'))} | ${fmt(p(straight, 'p50'))} | ${ratio(p(via, 'p50'), p(straight, 'p50'))} |`,
      `| p99 at ${rate}/s (ms) | ${fmt(p(via, 'p99'))} | ${fmt(p(straight, 'p99'))} | ${ratio(p(via, 'p99'), p(straight, 'p99'))} |`,
      `| CPU µs/request: gateway | ${fmt(via.cpuPerRequest['gateway-1'], 0)} | — | |`,
      `| CPU µs/request: catalog | ${fmt(via.cpuPerRequest['catalog-1'], 0)} | ${fmt(straight.cpuPerRequest['catalog-direct-1'], 0)} | ${ratio(via.cpuPerRequest['catalog-1'], straight.cpuPerRequest['catalog-direct-1'])} |`,
      `| max throughput, 16 connections (req/s) | ${fmt(gwMax.via, 0)} | ${fmt(gwMax.direct, 0)} | ${ratio(gwMax.via, gwMax.direct)} |`,
    ],
  );
  ctx.compose(['stop', ...BENCH_EXTRAS]); // the rest of the run measures the stack alone
  return { loadedMemory, lines };
}
