// Checkout saga latency at fixed rates (open model, through the gateway), and the CPU each
// container spends per confirmed checkout.
import { runLoad } from '../../load/src/run-load';
import { aboveIdle, cpuDuring, projectContainers } from '../measure';
import { STACK, first, type StackContext } from './context';
import { fmt, section } from './format';

export async function checkoutSaga(ctx: StackContext): Promise<string[]> {
  const { log, psql } = ctx;
  log('checkout saga latency at fixed rates');
  const saga: {
    rate: number;
    result: Awaited<ReturnType<typeof runLoad>>;
    inSystem: { p50: number; p99: number; count: number };
    /** CPU µs per container during the measured phase, idle use subtracted. */
    cpu: Record<string, number | undefined>;
  }[] = [];
  for (const r of ctx.quick ? [2, 10] : [2, 5, 10, 20]) {
    const from = Date.now() / 1000;
    let cpu: Record<string, number | undefined> = {};
    const result = await runLoad({
      scenario: 'checkout',
      target: ctx.gateway,
      rate: r,
      durationS: ctx.seconds(20),
      aroundMeasurement: async (phase) => {
        const measured = await cpuDuring(projectContainers(ctx.project), first(STACK), phase);
        cpu = aboveIdle(measured.cpuUs, measured.seconds, ctx.idle);
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
  const rows = [
    `| rate | accept p50 | accept p99 | saga p50 | saga p99 | seen CONFIRMED p50 | p99 | errors |`,
    `|---|---|---|---|---|---|---|---|`,
  ];
  for (const { rate: r, result, inSystem } of saga) {
    const c = result.extra['placement to CONFIRMED'];
    rows.push(
      `| ${r}/s | ${fmt(result.latencyMs.p50)} ms | ${fmt(result.latencyMs.p99)} ms | ${fmt(inSystem.p50)} ms | ${fmt(inSystem.p99)} ms | ${fmt(c.p50)} ms | ${fmt(c.p99)} ms | ${JSON.stringify({ ...result.latencyMs.errors, ...c.errors }) || '{}'} |`,
    );
  }

  rows.push(
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
    rows.push(`| ${r}/s | ${per.map((v) => fmt(v)).join(' | ')} | ${fmt(total)} |`);
  }
  return section(
    'Checkout saga latency (signup, cart, checkout, then CONFIRMED; open model)',
    [
      '"accept" is the POST /api/cart/checkout answer (202) from its scheduled time. "saga" is the',
      "order's own created → CONFIRMED time (orders' timestamps): four Kafka hops and five local",
      'transactions. "seen CONFIRMED" is what a client watching the order\'s event stream (SSE) sees.',
    ],
    rows,
  );
}
