// Scaling the payments consumer: x1 vs x3 replicas drain a backlog of payment requests built
// while they were frozen (`docker pause`), each replica as shipped and capped at 0.25 CPU.
import {
  describeGroupMembersCommand,
  parseGroupMembers,
} from '../../../libs/testing/src/compose/consumer-groups';
import { call } from '../../load/src/http-client';
import { cpuDuring, projectContainers } from '../measure';
import { CAPS, until, type BenchContext, type StackContext } from './context';
import { fmt, ratio, section } from './format';

/** Members of the payments consumer group that hold at least one partition. */
function paymentsMembers(ctx: BenchContext): number {
  const out = ctx.compose(['exec', '-T', 'kafka', ...describeGroupMembersCommand('payments')]);
  return parseGroupMembers('payments', out).filter((member) => member.partitions > 0).length;
}

export async function paymentsDrain(ctx: StackContext): Promise<string[]> {
  const { compose, gateway, log, productId, psql } = ctx;
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
  const count = ctx.quick ? 60 : 200;
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
      () => paymentsMembers(ctx) === replicas,
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
      projectContainers(ctx.project),
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
  const rows = [
    `| CPU per replica | payments replicas | payments/s | vs x1 | CPU µs per payment: payments (all replicas) | Postgres |`,
    `|---|---|---|---|---|---|`,
  ];
  for (const d of drain) {
    const x1 = drain.find((e) => e.cap === d.cap && e.replicas === 1);
    rows.push(
      `| ${d.cap} | ${d.replicas} | ${fmt(d.perSecond)} | ${ratio(d.perSecond, x1?.perSecond)} | ${fmt(d.paymentsCpu, 0)} | ${fmt(d.postgresCpu, 0)} |`,
    );
  }
  return section(
    'Scaling the payments consumer (a backlog of payment requests drained)',
    [
      `x1 or x3 replicas running, each holding partitions of the 6; frozen (\`docker pause\`) while`,
      `${count} orders are placed, then thawed together. Rate = payments written per second, first to`,
      "last (payments' own timestamps); every order was then CONFIRMED once. As for catalog: each",
      'replica as shipped (1 CPU), and capped at 0.25 CPU.',
    ],
    rows,
  );
}
