import type { OrderView } from '@shop/contracts';
import { expectEventually } from '@shop/testing';

import { getJson } from '../../../../tests/e2e/src/support/gateway';

import { auth } from '../../../../tests/e2e/src/support/users';
import type { PlacedOrder } from './steady-load';

interface PaymentView {
  readonly orderId: string;
  readonly status: string;
}

/**
 * Every order the load placed ended CONFIRMED, exactly once: one order per Idempotency-Key (each
 * shopper's order list holds exactly the accepted ids, no more), and one AUTHORIZED payment each.
 */
export async function expectEachConfirmedOnce(placed: readonly PlacedOrder[]): Promise<void> {
  expect(placed.every((o) => o.id)).toBe(true);
  const ids = placed.map((o) => o.id as string);
  expect(new Set(ids).size).toBe(ids.length);
  const byToken = new Map<string, string[]>();
  for (const o of placed) byToken.set(o.token, [...(byToken.get(o.token) ?? []), o.id as string]);
  await expectEventually(
    async () => {
      for (const [token, mine] of byToken) {
        const { status, body } = await getJson<{ items: OrderView[] }>('/api/orders', auth(token));
        expect(status).toBe(200);
        expect(body.items.map((o) => o.id).sort()).toEqual([...mine].sort());
        const notConfirmed = body.items.filter((o) => o.status !== 'CONFIRMED');
        expect(notConfirmed.map((o) => `${o.id} ${o.status} ${o.cancelReason}`)).toEqual([]);
      }
    },
    { timeoutMs: 180_000, intervalMs: 2_000 },
  );
  for (const [token, mine] of byToken) {
    const { body } = await getJson<{ items: PaymentView[] }>('/api/payments', auth(token));
    const authorized = body.items.filter((p) => p.status === 'AUTHORIZED').map((p) => p.orderId);
    expect(authorized.sort()).toEqual([...mine].sort());
  }
}
