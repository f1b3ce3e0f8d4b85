// Issue 16, 4: `docker service scale payments=3` under a checkout backlog drains it faster than
// the stack's two replicas. Both are measured side by side in one run (this machine is shared and
// noisy): the figures go to tmp/cluster/payments-scale.json and BENCHMARKS.md. What
// the test asserts is what must hold whatever the timing: the new replicas join the consumer
// group and take partitions, on different nodes, and every order of the backlog ends CONFIRMED
// exactly once. (Speed is reported, not asserted: a timed assertion would fail on a busy machine.)
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderView } from '@shop/contracts';
import { describeGroupMembersCommand, expectEventually, parseGroupMembers } from '@shop/testing';

import { CARDS, newProduct, placeOrder } from '../../../tests/e2e/src/support/shop';

import { newShopper } from '../../../tests/e2e/src/support/users';
import { expectEachConfirmedOnce } from './support/orders-check';
import type { PlacedOrder } from './support/steady-load';
import { docker, nodes, runningTasks, STACK, waitConverged } from './support/swarm';

/** Orders in each backlog: 10 shoppers x 15 (the gateway lets one place 30 per 10 s). */
const SHOPPERS = 10;
const ORDERS_EACH = 15;
const BACKLOG = SHOPPERS * ORDERS_EACH;
const STACK_PAYMENTS = 2;

/** `docker exec` in the running task of a single-replica service (postgres, kafka), on its node. */
async function execIn(service: string, command: string[]): Promise<string> {
  const [task] = await runningTasks(service);
  if (!task) throw new Error(`no running ${service} task`);
  const node = Number(task.node.replace('node-', ''));
  return docker(['exec', task.containerId, ...command], node);
}

const psql = (db: string, query: string) =>
  execIn('postgres', ['psql', '-U', 'postgres', '-d', db, '-At', '-c', query]);

async function groupMembers() {
  const out = await execIn('kafka', describeGroupMembersCommand('payments')).catch(
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return parseGroupMembers('payments', out);
}

const scalePayments = (replicas: number) =>
  docker(['service', 'scale', '-d', `${STACK}_payments=${replicas}`]);

interface Drain {
  readonly replicas: number;
  readonly nodes: number;
  /** From `docker service scale` to the last payment of the backlog written. */
  readonly drainedS: number;
  /** Payments written per second, first to last (payments' own timestamps). */
  readonly perSecond: number;
}

describe('payments scaled under a checkout backlog', () => {
  beforeAll(() => waitConverged());

  afterAll(async () => {
    await scalePayments(STACK_PAYMENTS);
    await waitConverged();
  });

  it(`drains ${BACKLOG} waiting payments with x${STACK_PAYMENTS}, then with x3; every order confirmed once`, async () => {
    const productId = (await newProduct(100_000)).id;
    const drains: Drain[] = [];
    const everyOrder: PlacedOrder[] = [];
    for (const replicas of [STACK_PAYMENTS, 3]) {
      // the backlog: payments stopped (no consumer left in its group), orders placed meanwhile
      await scalePayments(0);
      await expectEventually(
        async () => {
          expect(await runningTasks('payments')).toEqual([]);
          expect(await groupMembers()).toEqual([]);
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      const tokens = (await Promise.all(Array.from({ length: SHOPPERS }, () => newShopper()))).map(
        (s) => s.token,
      );
      const placed: PlacedOrder[] = [];
      await Promise.all(
        tokens.map(async (token) => {
          for (let placedHere = 0; placedHere < ORDERS_EACH; placedHere++) {
            const key = randomUUID();
            const response = await placeOrder(token, [{ productId, quantity: 1 }], CARDS.ok, key);
            expect(response.status).toBe(202);
            placed.push({ key, token, id: (response.body as OrderView).id, attempts: 1 });
          }
        }),
      );
      const idList = placed.map((o) => `'${o.id}'`).join(',');
      // ready when every order waits on payment and orders' outbox has published the requests
      await expectEventually(
        async () => {
          expect(
            await psql(
              'orders',
              `SELECT count(*) FROM orders WHERE id IN (${idList}) AND saga_step = 'AWAITING_PAYMENT'`,
            ),
          ).toBe(String(BACKLOG));
          expect(
            await psql('orders', 'SELECT count(*) FROM outbox WHERE published_at IS NULL'),
          ).toBe('0');
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );

      const scaledAt = Date.now();
      await scalePayments(replicas);
      await expectEventually(
        async () =>
          expect(
            await psql('payments', `SELECT count(*) FROM payments WHERE order_id IN (${idList})`),
          ).toBe(String(BACKLOG)),
        { timeoutMs: 300_000, intervalMs: 500 },
      );
      const drainedS = (Date.now() - scaledAt) / 1000;
      const spanS = Number(
        await psql(
          'payments',
          `SELECT extract(epoch FROM max(created_at) - min(created_at)) FROM payments WHERE order_id IN (${idList})`,
        ),
      );

      // every replica took part: one group member with partitions each, on as many nodes
      await expectEventually(
        async () => {
          const members = await groupMembers();
          expect(members.filter((m) => m.partitions > 0)).toHaveLength(replicas);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      const running = await runningTasks('payments');
      expect(running).toHaveLength(replicas);
      const onNodes = new Set(running.map((t) => t.node)).size;
      const upNodes = (await nodes()).filter((n) => n.status === 'Ready').length;
      expect(onNodes).toBe(Math.min(replicas, upNodes));

      await expectEachConfirmedOnce(placed);
      everyOrder.push(...placed);
      drains.push({ replicas, nodes: onNodes, drainedS, perSecond: (BACKLOG - 1) / spanS });
      process.stdout.write(
        `payments x${replicas} on ${onNodes} nodes: ${BACKLOG} payments ${drainedS.toFixed(1)} s after the scale, ` +
          `${((BACKLOG - 1) / spanS).toFixed(1)}/s first to last; all CONFIRMED once\n`,
      );
    }
    expect(new Set(everyOrder.map((o) => o.id)).size).toBe(2 * BACKLOG);

    const [two, three] = drains;
    const result = {
      measuredAt: new Date().toISOString(),
      clusterNodes: (await nodes()).length,
      backlog: BACKLOG,
      drains,
      ratioDrainTime: two.drainedS / three.drainedS,
      ratioRate: three.perSecond / two.perSecond,
    };
    const dir = join(__dirname, '../../../tmp/cluster');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'payments-scale.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `x3 vs x${STACK_PAYMENTS}: drained ${result.ratioDrainTime.toFixed(2)}x sooner, ` +
        `${result.ratioRate.toFixed(2)}x the payments/s\n`,
    );
  });
});
