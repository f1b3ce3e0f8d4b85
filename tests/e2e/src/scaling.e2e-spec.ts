import type { PaymentView, SystemSnapshot } from '@shop/contracts';
import { describeGroupMembersCommand, expectEventually, parseGroupMembers } from '@shop/testing';
import { compose, composeExec, upHealthy, waitHealthy } from './support/compose';
import { gatewayUrl, getJson } from './support/gateway';
import { finalOrder, newProduct, placeOrder } from './support/shop';
import { auth, newShopper } from './support/users';

/** Scaling one service (issue 5): load spreads over replicas; consumer groups share partitions. */
describe('scaling one service (composed system)', () => {
  afterAll(async () => {
    await compose(
      'up',
      '-d',
      '--no-recreate',
      '--scale',
      'catalog=1',
      '--scale',
      'payments=1',
      'catalog',
      'payments',
    );
    await waitHealthy();
  });

  it('catalog x3: the gateway spreads reads over every replica, each a fair share', async () => {
    await upHealthy('catalog', 3);
    const counts = await expectEventually(
      async () => {
        const seen = new Map<string, number>();
        for (let i = 0; i < 90; i++) {
          const response = await fetch(gatewayUrl('/api/catalog/products?limit=1'));
          expect(response.status).toBe(200);
          const replica = response.headers.get('x-served-by') ?? 'none';
          seen.set(replica, (seen.get(replica) ?? 0) + 1);
        }
        expect(seen.size).toBe(3);
        return seen;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    for (const [replica, count] of counts) {
      expect(replica).toMatch(/^catalog\//);
      expect(count).toBeGreaterThanOrEqual(20); // a fair share of 90 is 30
    }
  });

  it('catalog x3 on the system map: three replicas by hostname, each serving its share of reads', async () => {
    let reading = true;
    const reader = async () => {
      while (reading) {
        await fetch(gatewayUrl('/api/catalog/products?limit=1'))
          .then((response) => response.arrayBuffer())
          .catch(() => undefined);
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    try {
      await expectEventually(
        async () => {
          const { status, body } = await getJson<SystemSnapshot>('/api/system');
          expect(status).toBe(200);
          const catalog = body.services.find((service) => service.name === 'catalog');
          expect(catalog?.health).toBe('up');
          expect(catalog?.replicas).toHaveLength(3);
          for (const replica of catalog?.replicas ?? []) {
            expect(replica.id).toMatch(/^catalog\/[0-9a-f]{12}$/);
            expect(replica.requestsPerSecond).toBeGreaterThan(0);
          }
          expect(catalog?.requestsPerSecond).toBeGreaterThan(0);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
    } finally {
      reading = false;
      await Promise.all(readers);
    }
  });

  it('payments x3: the consumer group spreads the partitions and every order completes once', async () => {
    await upHealthy('payments', 3);
    const members = await expectEventually(
      async () => {
        const described = await composeExec('kafka', describeGroupMembersCommand('payments'));
        const rows = parseGroupMembers('payments', described);
        expect(rows.filter((member) => member.partitions > 0)).toHaveLength(3);
        return rows;
      },
      { timeoutMs: 90_000, intervalMs: 2_000 },
    );
    expect(members.reduce((sum, member) => sum + member.partitions, 0)).toBeGreaterThanOrEqual(6);

    const shopper = await newShopper();
    const product = await newProduct(1_000, 300);
    const placed = await Promise.all(
      Array.from({ length: 12 }, () =>
        placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]),
      ),
    );
    for (const order of placed) {
      expect(await finalOrder(shopper.token, order.body.id)).toMatchObject({ status: 'CONFIRMED' });
      const payments = await getJson<{ items: PaymentView[] }>(
        `/api/payments?orderId=${order.body.id}`,
        auth(shopper.token),
      );
      expect(payments.body.items).toHaveLength(1);
      expect(payments.body.items[0].status).toBe('AUTHORIZED');
    }
  });
});
