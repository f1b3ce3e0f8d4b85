// `npm run bench`: measures the composed system side by side in one run and writes BENCHMARKS.md.
// Every figure that the machine's noise could distort is reported as a ratio of two
// measurements taken in the same run, interleaved. All traffic goes to loopback.
//
// This file is the run: it starts a fresh stack, runs the experiments in order (one module each
// in experiments/, sharing the context of experiments/context.ts), and writes their sections
// between the bench markers of BENCHMARKS.md. `--quick` shortens every round.
import { cpus, totalmem } from 'node:os';
import { call } from '../load/src/http-client';
import { memoryByContainer } from './measure';
import { writeBenchBlock } from './report';
import { accessTokens } from './experiments/access-tokens';
import { catalogScaling } from './experiments/catalog-scaling';
import { checkoutSaga } from './experiments/checkout-saga';
import { BENCH_EXTRAS, STACK, createBenchContext, type BenchContext } from './experiments/context';
import { footprint } from './experiments/footprint';
import { fmt } from './experiments/format';
import { framework } from './experiments/framework';
import { gatewayHop } from './experiments/gateway-hop';
import { idleCost } from './experiments/idle-cost';
import { paymentsDrain } from './experiments/payments-drain';

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

async function main(ctx: BenchContext): Promise<void> {
  const { compose, log, quick } = ctx;
  // In process, before any container runs.
  const tokens = await accessTokens(ctx);

  log('fresh stack: docker compose down -v, then up --wait (timed)');
  compose(['down', '-v', '--remove-orphans']);
  const upStart = Date.now();
  compose(['up', '-d', '--wait', '--wait-timeout', '300', ...STACK]);
  const upSeconds = (Date.now() - upStart) / 1000;
  const idleMemory = memoryByContainer(ctx.project);
  log(`  all healthy after ${fmt(upSeconds)} s; starting the bench-only catalog variants`);
  compose(['up', '-d', '--wait', '--wait-timeout', '300', ...BENCH_EXTRAS]);

  const idle = await idleCost(ctx);
  const page = await call<{ items: { id: string }[] }>(
    ctx.gateway,
    'GET',
    '/api/catalog/products?limit=1',
  );
  const productId = page.body?.items[0]?.id;
  if (!productId) throw new Error('no product through the gateway');
  const stack = { ...ctx, idle: idle.idle, productId };

  const frameworkLines = await framework(stack);
  const hop = await gatewayHop(stack); // stops the bench-only catalog variants
  const sagaLines = await checkoutSaga(stack);
  const scalingLines = await catalogScaling(stack);
  const drainLines = await paymentsDrain(stack);

  compose(['down', '-v', '--remove-orphans']);
  const header = [
    `Measured on ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick pass: short rounds, read with care)' : ''}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, the load generator on the same machine as the system, in ${fmt((Date.now() - ctx.startedAt) / 60_000, 0)} minutes.`,
  ];
  const lines = [
    ...idle.lines,
    ...tokens,
    ...frameworkLines,
    ...hop.lines,
    ...sagaLines,
    ...scalingLines,
    ...drainLines,
    ...footprint({ upSeconds, idleMemory, loadedMemory: hop.loadedMemory }),
  ];
  const figures = [...header, ...lines].join('\n');
  writeBenchBlock(BEGIN, END, figures);
  log('wrote the figures into BENCHMARKS.md (between the bench markers; the analysis is kept)');
  console.log(figures);
}

const ctx = createBenchContext(process.argv.includes('--quick'));
main(ctx).catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  try {
    ctx.compose(['down', '-v', '--remove-orphans']);
  } catch {
    // nothing to clean
  }
  process.exit(1);
});
