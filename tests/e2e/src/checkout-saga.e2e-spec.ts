import { randomUUID } from 'node:crypto';
import type { CartView, OrderView, PaymentView } from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import { gatewayUrl, getJson } from './support/gateway';
import { CARDS, checkout, finalOrder, newProduct, placeOrder, stockOf } from './support/shop';
import { auth, json, newShopper } from './support/users';

describe('checkout saga through the gateway (composed system)', () => {
  it('happy path: checkout confirms, the stream shows it, stock goes down, one payment, cart emptied', async () => {
    const shopper = await newShopper();
    const product = await newProduct(10, 2500);
    await getJson(`/api/cart/items/${product.id}`, json('PUT', { quantity: 3 }, shopper.token));

    const placed = await checkout(shopper.token, CARDS.ok);
    expect(placed.status).toBe(202);
    expect(placed.body.status).toBe('PENDING');

    // Server-Sent Events through the gateway: PENDING, then CONFIRMED, then the stream closes.
    const stream = await fetch(
      gatewayUrl(`/api/orders/${placed.body.id}/events`),
      auth(shopper.token),
    );
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = (await stream.text())
      .split('\n\n')
      .filter((chunk) => chunk.startsWith('event: status'))
      .map((chunk) => JSON.parse(chunk.split('\ndata: ')[1]) as OrderView);
    expect(events.at(-1)?.status).toBe('CONFIRMED');

    const order = await finalOrder(shopper.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CONFIRMED', totalCents: 7500, cancelReason: null });
    expect(order.items).toEqual([{ productId: product.id, quantity: 3, unitPriceCents: 2500 }]);
    expect(await stockOf(product.id)).toBe(7);

    const payments = await getJson<{ items: PaymentView[] }>(
      `/api/payments?orderId=${order.id}`,
      auth(shopper.token),
    );
    expect(payments.body.items).toHaveLength(1);
    expect(payments.body.items[0]).toMatchObject({
      status: 'AUTHORIZED',
      amountCents: 7500,
      cardLast4: '4242',
      currency: 'USD',
    });

    await expectEventually(async () => {
      expect((await getJson<CartView>('/api/cart', auth(shopper.token))).body.items).toEqual([]);
    });
  });

  it.each([
    ['a declined card', CARDS.declined, '0002'],
    ['insufficient funds', CARDS.insufficientFunds, '9995'],
  ])('%s: cancelled PAYMENT_DECLINED, stock released, cart kept', async (_name, card, last4) => {
    const shopper = await newShopper();
    const product = await newProduct(4);
    await getJson(`/api/cart/items/${product.id}`, json('PUT', { quantity: 2 }, shopper.token));
    const placed = await checkout(shopper.token, card);
    expect(placed.status).toBe(202);
    const order = await finalOrder(shopper.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    await expectEventually(async () => expect(await stockOf(product.id)).toBe(4));
    const payments = await getJson<{ items: PaymentView[] }>(
      `/api/payments?orderId=${order.id}`,
      auth(shopper.token),
    );
    expect(payments.body.items).toEqual([
      expect.objectContaining({ status: 'DECLINED', cardLast4: last4 }),
    ]);
    expect((await getJson<CartView>('/api/cart', auth(shopper.token))).body.items).toHaveLength(1);
  });

  it('15 concurrent orders for the last 5 units confirm exactly 5', async () => {
    const product = await newProduct(5);
    const shoppers = await Promise.all(Array.from({ length: 15 }, () => newShopper()));
    const placed = await Promise.all(
      shoppers.map((s) => placeOrder(s.token, [{ productId: product.id, quantity: 1 }])),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(15).fill(202));
    const finals = await Promise.all(
      placed.map((p, i) => finalOrder(shoppers[i].token, p.body.id)),
    );
    expect(finals.filter((o) => o.status === 'CONFIRMED')).toHaveLength(5);
    expect(
      finals.filter((o) => o.status === 'CANCELLED' && o.cancelReason === 'OUT_OF_STOCK'),
    ).toHaveLength(10);
    expect(await stockOf(product.id)).toBe(0);
  });

  it('an unknown product cancels the order with UNKNOWN_PRODUCT', async () => {
    const shopper = await newShopper();
    const placed = await placeOrder(shopper.token, [{ productId: randomUUID(), quantity: 1 }]);
    expect(placed.status).toBe(202);
    expect(await finalOrder(shopper.token, placed.body.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'UNKNOWN_PRODUCT',
    });
  });

  it('repeats with one Idempotency-Key return the same order; another body is a 409', async () => {
    const shopper = await newShopper();
    const product = await newProduct(10);
    const key = randomUUID();
    const items = [{ productId: product.id, quantity: 1 }];
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => placeOrder(shopper.token, items, CARDS.ok, key)),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const conflict = await placeOrder(
      shopper.token,
      [{ productId: product.id, quantity: 2 }],
      CARDS.ok,
      key,
    );
    expect(conflict.status).toBe(409);
    await finalOrder(shopper.token, results[0].body.id);
    expect(await stockOf(product.id)).toBe(9);
    expect(
      (await getJson<{ items: OrderView[] }>('/api/orders', auth(shopper.token))).body.items,
    ).toHaveLength(1);
  });

  it("never shows another user's order or payment", async () => {
    const alice = await newShopper();
    const bob = await newShopper();
    const product = await newProduct(3);
    const placed = await placeOrder(alice.token, [{ productId: product.id, quantity: 1 }]);
    await finalOrder(alice.token, placed.body.id);
    expect((await getJson(`/api/orders/${placed.body.id}`, auth(bob.token))).status).toBe(404);
    expect((await getJson(`/api/orders/${placed.body.id}/events`, auth(bob.token))).status).toBe(
      404,
    );
    const bobPayments = await getJson<{ items: PaymentView[] }>(
      `/api/payments?orderId=${placed.body.id}`,
      auth(bob.token),
    );
    expect(bobPayments.status).toBe(200);
    expect(bobPayments.body.items).toEqual([]);
    expect(
      (await getJson<{ items: OrderView[] }>('/api/orders', auth(bob.token))).body.items,
    ).toEqual([]);
  });

  it('checkout of an empty cart is a 400; a missing Idempotency-Key is a 400', async () => {
    const shopper = await newShopper();
    const empty = await checkout(shopper.token, CARDS.ok);
    expect(empty.status).toBe(400);
    const noKey = await getJson<{ message: string }>(
      '/api/orders',
      json(
        'POST',
        { items: [{ productId: randomUUID(), quantity: 1 }], payment: CARDS.ok },
        shopper.token,
      ),
    );
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toContain('Idempotency-Key');
  });
});
