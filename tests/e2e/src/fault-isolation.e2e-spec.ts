import { randomUUID } from 'node:crypto';
import type {
  CartView,
  ErrorResponse,
  OrderView,
  PaymentView,
  ProductPage,
  SystemHealth,
} from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import { compose, kill, restart, timed, waitHealthy } from './support/compose';
import { getJson } from './support/gateway';
import { CARDS, checkout, finalOrder, newProduct, placeOrder } from './support/shop';
import { auth, json, newShopper } from './support/users';

/**
 * The kill matrix (issue 5): each row SIGKILLs one part of the running system while orders are
 * in flight, checks what keeps working and what degrades (fast), restarts it, and checks that
 * nothing was lost.
 */
describe('fault isolation: kill a part, the rest keeps working (composed system)', () => {
  let shopper: Awaited<ReturnType<typeof newShopper>>;
  let productId: string;
  /** A product only ever put in the cart, never ordered directly (keeps the cart rows apart from the orders placed here). */
  let cartProductId: string;

  beforeAll(async () => {
    await waitHealthy();
    shopper = await newShopper();
    productId = (await newProduct(10_000, 700)).id;
    cartProductId = (await newProduct(10_000, 900)).id;
  });

  afterEach(async () => {
    // Whatever a row did (or failed to do), the next one starts from a whole, healthy system.
    await compose('start');
    await waitHealthy();
  });

  /** Orders placed right before the kill, still in the saga when it happens. */
  async function ordersInFlight(count = 3): Promise<string[]> {
    const placed = await Promise.all(
      Array.from({ length: count }, () => placeOrder(shopper.token, [{ productId, quantity: 1 }])),
    );
    for (const p of placed) expect(p.status).toBe(202);
    return placed.map((p) => p.body.id);
  }

  async function expectAllConfirmedOnce(orderIds: string[]): Promise<void> {
    for (const id of orderIds) {
      expect(await finalOrder(shopper.token, id)).toMatchObject({ status: 'CONFIRMED' });
      const payments = await getJson<{ items: PaymentView[] }>(
        `/api/payments?orderId=${id}`,
        auth(shopper.token),
      );
      expect(payments.body.items.filter((p) => p.status === 'AUTHORIZED')).toHaveLength(1);
    }
  }

  const browse = async () => (await getJson<ProductPage>('/api/catalog/products?limit=5')).status;
  const cartRead = async () => (await getJson<CartView>('/api/cart', auth(shopper.token))).status;
  const me = async () => (await getJson('/api/accounts/me', auth(shopper.token))).status;
  const place = async () => placeOrder(shopper.token, [{ productId, quantity: 1 }]);

  async function expectFast503(
    call: () => Promise<{ status: number; body?: unknown }>,
  ): Promise<void> {
    const { ms, result } = await timed(call);
    expect(result.status).toBe(503);
    expect(ms).toBeLessThan(2_000);
  }

  async function health(): Promise<SystemHealth> {
    return (await getJson<SystemHealth>('/api/health')).body;
  }

  it('payments killed: browse, cart and order placement keep working; pending orders confirm after restart', async () => {
    const before = await ordersInFlight();
    await kill('payments');
    expect(await browse()).toBe(200);
    expect(
      (await getJson(`/api/cart/items/${productId}`, json('PUT', { quantity: 1 }, shopper.token)))
        .status,
    ).toBe(200);
    const during = await place();
    expect(during.status).toBe(202);
    expect(during.body.status).toBe('PENDING');
    await expectEventually(async () => expect((await health()).services.payments).toBe('down'));
    await restart('payments');
    await expectAllConfirmedOnce([...before, during.body.id]);
  });

  it('catalog killed: accounts, cart reads, order placement and reads keep working; catalog 503s fast; orders confirm after restart', async () => {
    const before = await ordersInFlight();
    await kill('catalog');
    expect(await me()).toBe(200);
    expect(await cartRead()).toBe(200);
    const during = await place();
    expect(during.status).toBe(202);
    expect(
      (await getJson<OrderView>(`/api/orders/${during.body.id}`, auth(shopper.token))).status,
    ).toBe(200);
    await expectFast503(() => getJson<ErrorResponse>('/api/catalog/products'));
    await expectFast503(() => getJson<ErrorResponse>(`/api/catalog/products/${productId}`));
    await restart('catalog');
    await expectAllConfirmedOnce([...before, during.body.id]);
  });

  it('orders killed: browse, cart and accounts keep working; checkout and orders 503 fast', async () => {
    await ordersInFlight();
    // Something in the cart, so checkout has to ask orders.
    const added = await getJson(
      `/api/cart/items/${cartProductId}`,
      json('PUT', { quantity: 1 }, shopper.token),
    );
    expect(added.status).toBe(200);
    await kill('orders');
    expect(await browse()).toBe(200);
    expect(await cartRead()).toBe(200);
    expect(await me()).toBe(200);
    await expectFast503(place);
    await expectFast503(() => getJson('/api/orders', auth(shopper.token)));
    await expectFast503(() => checkout(shopper.token, CARDS.ok));
    await restart('orders');
    expect((await getJson('/api/orders', auth(shopper.token))).status).toBe(200);
  });

  it('accounts killed: everything works with already-issued tokens; signup and login 503 fast', async () => {
    const before = await ordersInFlight(2);
    await kill('accounts');
    expect(await browse()).toBe(200);
    expect(await cartRead()).toBe(200);
    const during = await place();
    expect(during.status).toBe(202);
    await expectFast503(() =>
      getJson(
        '/api/accounts/login',
        json('POST', { email: shopper.email, password: shopper.password }),
      ),
    );
    await expectFast503(() =>
      getJson(
        '/api/accounts/signup',
        json('POST', { email: `${randomUUID()}@example.com`, password: 'long-enough', name: 'X' }),
      ),
    );
    await expectAllConfirmedOnce([...before, during.body.id]);
    await restart('accounts');
  });

  it('cart killed: everything else keeps working; cart 503s fast', async () => {
    const before = await ordersInFlight(2);
    await kill('cart');
    expect(await browse()).toBe(200);
    expect(await me()).toBe(200);
    const during = await place();
    expect(during.status).toBe(202);
    await expectFast503(() => getJson('/api/cart', auth(shopper.token)));
    await expectAllConfirmedOnce([...before, during.body.id]);
    await restart('cart');
  });

  it('Kafka killed: REST reads and order placement keep working; after restart the outbox drains and orders confirm', async () => {
    const before = await ordersInFlight();
    await kill('kafka');
    expect(await browse()).toBe(200);
    expect(await cartRead()).toBe(200);
    expect(await me()).toBe(200);
    const during = await Promise.all([place(), place()]);
    for (const d of during) {
      expect(d.status).toBe(202);
      expect(d.body.status).toBe('PENDING');
    }
    expect((await getJson(`/api/orders/${during[0].body.id}`, auth(shopper.token))).status).toBe(
      200,
    );
    await restart('kafka');
    await expectAllConfirmedOnce([...before, ...during.map((d) => d.body.id)]);
  });

  it('Postgres killed: health names the services that are down, nothing hangs; everything recovers with no lost order', async () => {
    const before = await ordersInFlight(4);
    await kill('postgres');
    const degraded = await expectEventually(async () => {
      const current = await health();
      expect(current.status).toBe('degraded');
      expect(Object.values(current.services).every((s) => s === 'down')).toBe(true);
      return current;
    });
    expect(degraded.services).toEqual({
      accounts: 'down',
      catalog: 'down',
      cart: 'down',
      orders: 'down',
      payments: 'down',
    });
    for (const call of [browse, cartRead, async () => (await place()).status]) {
      const { ms, result } = await timed(call);
      expect(result).toBe(503);
      expect(ms).toBeLessThan(7_000);
    }
    await restart('postgres');
    await expectAllConfirmedOnce(before);
  });
});
