import type { CartView, OrderView } from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import { compose, kill, restart, waitHealthy } from './support/compose';
import { getJson } from './support/gateway';
import { CARDS, checkout, finalOrder, newProduct, placeOrder } from './support/shop';
import { auth, json, newShopper } from './support/users';

/**
 * Issue 11, point 9: a confirmed order empties the cart of exactly what the cart's checkout
 * took; lines changed or re-added after checkout, and orders placed with POST /api/orders,
 * leave the cart alone.
 */
describe('the cart empties of what its checkout took (composed system)', () => {
  afterAll(async () => {
    // Whatever a test did (or failed to do), the next suite starts from a whole, healthy system.
    await compose('start');
    await waitHealthy();
  });

  const put = (token: string, productId: string, quantity: number) =>
    getJson<CartView>(`/api/cart/items/${productId}`, json('PUT', { quantity }, token));

  /** The cart as [productId, quantity] pairs. */
  const linesOf = async (token: string) =>
    (await getJson<CartView>('/api/cart', auth(token))).body.items.map((i) => [
      i.productId,
      i.quantity,
    ]);

  it('keeps a line put again with another quantity while the order was pending, and removes the rest once CONFIRMED', async () => {
    const shopper = await newShopper();
    const changed = await newProduct(100, 1200);
    const untouched = await newProduct(100, 800);
    expect((await put(shopper.token, changed.id, 2)).status).toBe(200);
    expect((await put(shopper.token, untouched.id, 1)).status).toBe(200);

    // Payments down: the order stays PENDING until it is back, so the change below surely
    // happens before confirmation.
    await kill('payments');
    let orderId: string;
    try {
      const placed = await checkout(shopper.token, CARDS.ok);
      expect(placed.status).toBe(202);
      orderId = placed.body.id;
      expect((await put(shopper.token, changed.id, 5)).status).toBe(200);
      const pending = await getJson<OrderView>(`/api/orders/${orderId}`, auth(shopper.token));
      expect(pending.body.status).toBe('PENDING');
      expect(await linesOf(shopper.token)).toEqual([
        [changed.id, 5],
        [untouched.id, 1],
      ]);
    } finally {
      await restart('payments');
    }

    const order = await finalOrder(shopper.token, orderId);
    expect(order.status).toBe('CONFIRMED');
    expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([
      [changed.id, 2],
      [untouched.id, 1],
    ]);
    // The untouched line goes (so the confirmation has been handled); the changed one stays.
    await expectEventually(async () =>
      expect(await linesOf(shopper.token)).toEqual([[changed.id, 5]]),
    );
  });

  it('keeps the cart line of a product ordered with POST /api/orders once that order is CONFIRMED', async () => {
    const shopper = await newShopper();
    const product = await newProduct(100);
    expect((await put(shopper.token, product.id, 2)).status).toBe(200);

    const direct = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);
    expect(direct.status).toBe(202);
    expect(await finalOrder(shopper.token, direct.body.id)).toMatchObject({
      status: 'CONFIRMED',
    });

    // A later checkout confirmed and handled by cart: its confirmation was published a whole
    // saga after the direct order's, so by the time the cart has emptied this cart it has
    // handled the direct order's confirmation too.
    const later = await newShopper();
    const other = await newProduct(100);
    await put(later.token, other.id, 1);
    const placed = await checkout(later.token, CARDS.ok);
    expect(placed.status).toBe(202);
    expect((await finalOrder(later.token, placed.body.id)).status).toBe('CONFIRMED');
    await expectEventually(async () => expect(await linesOf(later.token)).toEqual([]));

    expect(await linesOf(shopper.token)).toEqual([[product.id, 2]]);
  });

  it('empties the cart once the order of a plain checkout is CONFIRMED', async () => {
    const shopper = await newShopper();
    const a = await newProduct(100, 1000);
    const b = await newProduct(100, 250);
    await put(shopper.token, a.id, 3);
    await put(shopper.token, b.id, 1);
    const placed = await checkout(shopper.token, CARDS.ok);
    expect(placed.status).toBe(202);
    const order = await finalOrder(shopper.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CONFIRMED', totalCents: 3250 });
    await expectEventually(async () => {
      expect(await getJson<CartView>('/api/cart', auth(shopper.token))).toMatchObject({
        body: { items: [], totalCents: 0 },
      });
    });
  });
});
