// Scaling catalog: x1, x2, x3 replicas behind the gateway (closed loop), each replica as
// shipped and capped at 0.25 CPU.
import { cpus } from 'node:os';
import { closedLoop } from '../measure';
import { pause } from '../tag-compare';
import { CAPS, type BenchContext } from './context';
import { fmt, ratio, section } from './format';

export async function catalogScaling(ctx: BenchContext): Promise<string[]> {
  const { compose, log } = ctx;
  log('scaling catalog x1, x2, x3 (closed loop through the gateway), uncapped and capped');
  const scaling: Record<string, { replicas: number; rps: number }[]> = {};
  const listUrl = `${ctx.gateway}/api/catalog/products?limit=20`;
  for (const cap of CAPS) {
    for (const replicas of [1, 2, 3]) {
      compose(['up', '-d', '--wait', '--scale', `catalog=${replicas}`, 'catalog'], {
        BENCH_CATALOG_CPUS: cap,
      });
      await pause(2_000); // the gateway re-resolves replicas every second
      await closedLoop(listUrl, 16, 3); // warm-up
      (scaling[cap] ??= []).push({ replicas, ...(await closedLoop(listUrl, 24, ctx.seconds(10))) });
      log(`  catalog x${replicas} at ${cap} CPU each: ${fmt(scaling[cap].at(-1)?.rps, 0)} req/s`);
    }
  }
  compose(['up', '-d', '--wait', '--scale', 'catalog=1', 'catalog']);
  const rows = [
    `| catalog replicas | req/s, ${CAPS[0]} CPU each | vs x1 | req/s, ${CAPS[1]} CPU each | vs x1 |`,
    `|---|---|---|---|---|`,
  ];
  for (let i = 0; i < 3; i++) {
    const [a, b] = CAPS.map((cap) => scaling[cap]);
    rows.push(
      `| ${i + 1} | ${fmt(a[i].rps, 0)} | ${ratio(a[i].rps, a[0].rps)} | ${fmt(b[i].rps, 0)} | ${ratio(b[i].rps, b[0].rps)} |`,
    );
  }
  return section(
    'Scaling catalog (product list pages through the gateway, 24 connections, closed loop)',
    [
      `As shipped, each replica may use 1 CPU; on this machine (${cpus().length} cores) the replicas then`,
      'share the same cores with the gateway, Postgres and the load generator, and more replicas',
      'only add contention. With each replica capped at 0.25 CPU (a pod with a CPU limit) one',
      'replica is the bottleneck, which is the case scaling out is for.',
    ],
    rows,
  );
}
