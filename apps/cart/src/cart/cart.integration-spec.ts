import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  OrderEvents,
  Topics,
  type CartView,
  type ErrorResponse,
  type EventEnvelope,
  type OrderConfirmedV1,
  type OrderLine,
  type OrderView,
  type ProductView,
} from '@shop/contracts';
import { migrateDatabase } from '@shop/platform/persistence';
import {
  expectEventually,
  serviceEnv,
  sharedKafkaBrokers,
  startTestTokenIssuer,
  type TestTokenIssuer,
} from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/service-kit/testing';
// The real catalog, in-process, as cart's upstream (tests may use any project; services may not).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as CatalogModule } from '../../../catalog/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadCatalogConfig } from '../../../catalog/src/config/catalog.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { catalogDataSourceOptions } from '../../../catalog/src/database/data-source';
import { AppModule } from '../app.module';
import { loadCartConfig } from '../config/cart.config';
import { cartDataSourceOptions } from '../database/data-source';

/** What the stand-in for orders was asked to place, and what it answered. */
interface PlacedOrder {
  readonly idempotencyKey: string;
  readonly userId: string;
  readonly items: OrderLine[];
  readonly order: OrderView;
}

/**
 * Stands in for orders' `POST /`: accepts every order as PENDING, one order per user and
 * Idempotency-Key (a repeat answers the same order, as orders does), and records each call.
 * `beforeAnswer`, when set, runs once after the order is taken and before the answer goes back.
 */
async function startOrdersStandIn() {
  const calls: PlacedOrder[] = [];
  const byKey = new Map<string, OrderView>();
  const state: { beforeAnswer?: () => Promise<unknown> } = {};
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { items: OrderLine[] };
    const token = String(req.headers.authorization).replace(/^Bearer /, '');
    const userId = (
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
        sub: string;
      }
    ).sub;
    const idempotencyKey = String(req.headers['idempotency-key']);
    const now = new Date().toISOString();
    const order = byKey.get(`${userId}/${idempotencyKey}`) ?? {
      id: randomUUID(),
      userId,
      status: 'PENDING' as const,
      items: body.items.map((i) => ({ ...i, unitPriceCents: null as unknown as number })),
      totalCents: null,
      currency: 'USD',
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
    byKey.set(`${userId}/${idempotencyKey}`, order);
    calls.push({ idempotencyKey, userId, items: body.items, order });
    const hook = state.beforeAnswer;
    state.beforeAnswer = undefined;
    await hook?.();
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify(order));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('cart (real Postgres + Kafka, real catalog over HTTP)', () => {
  let cart: NestFastifyApplication;
  let catalog: NestFastifyApplication;
  let issuer: TestTokenIssuer;
  let products: ProductView[];
  let admin: string;
  let orders: Awaited<ReturnType<typeof startOrdersStandIn>>;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    orders = await startOrdersStandIn();
    admin = await issuer.token({ roles: ['admin'] });
    const catalogEnv = await serviceEnv('catalog_for_cart');
    const catalogConfig = loadCatalogConfig({ ...catalogEnv.env, AUTH_JWKS_URL: issuer.jwksUrl });
    await migrateDatabase(catalogDataSourceOptions(catalogConfig), () => undefined);
    const started = await startServiceApp(
      'catalog',
      CatalogModule.register(catalogConfig),
      catalogConfig,
      { listen: true },
    );
    catalog = started.app;
    products = (await request<{ items: ProductView[] }>(catalog, 'GET', '/products?limit=3')).body
      .items;

    const cartEnv = await serviceEnv('cart');
    const config = loadCartConfig({
      ...cartEnv.env,
      AUTH_JWKS_URL: issuer.jwksUrl,
      CATALOG_URL: started.url as string,
      ORDERS_URL: orders.url,
    });
    await migrateDatabase(cartDataSourceOptions(config), () => undefined);
    ({ app: cart } = await startServiceApp('cart', AppModule.register(config), config));
  });

  afterAll(async () => {
    await cart?.close();
    await catalog?.close();
    await orders?.close();
    await issuer?.close();
  });

  it('gives a new user an empty cart', async () => {
    const response = await request<CartView>(cart, 'GET', '/', { token: await issuer.token() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], totalCents: 0, currency: 'USD' });
  });

  it('adds, updates and removes items with price snapshots and a derived total', async () => {
    const token = await issuer.token();
    const [a, b] = products;
    await request(cart, 'PUT', `/items/${a.id}`, { token, body: { quantity: 2 } });
    const both = await request<CartView>(cart, 'PUT', `/items/${b.id}`, {
      token,
      body: { quantity: 1 },
    });
    expect(both.status).toBe(200);
    expect(both.body.items).toEqual([
      { productId: a.id, name: a.name, quantity: 2, unitPriceCents: a.priceCents },
      { productId: b.id, name: b.name, quantity: 1, unitPriceCents: b.priceCents },
    ]);
    expect(both.body.totalCents).toBe(2 * a.priceCents + b.priceCents);

    const updated = await request<CartView>(cart, 'PUT', `/items/${a.id}`, {
      token,
      body: { quantity: 5 },
    });
    expect(updated.body.items.find((i) => i.productId === a.id)?.quantity).toBe(5);
    expect(updated.body.totalCents).toBe(5 * a.priceCents + b.priceCents);

    const removed = await request<CartView>(cart, 'DELETE', `/items/${a.id}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i) => i.productId)).toEqual([b.id]);
    expect(removed.body.totalCents).toBe(b.priceCents);
    expect(
      (await request<CartView>(cart, 'DELETE', `/items/${a.id}`, { token })).body.items,
    ).toHaveLength(1);
  });

  it('keeps the price snapshot when catalog changes the price later', async () => {
    const token = await issuer.token();
    const created = await request<ProductView>(catalog, 'POST', '/products', {
      token: admin,
      body: {
        sku: `SNAP-${Date.now()}`,
        name: 'Snapshot',
        description: '',
        category: 'tests',
        priceCents: 1234,
        stock: 5,
      },
    });
    expect(created.status).toBe(201);
    await request(cart, 'PUT', `/items/${created.body.id}`, { token, body: { quantity: 1 } });
    // Catalog has no price update route yet; the snapshot is what the cart row holds.
    const view = await request<CartView>(cart, 'GET', '/', { token });
    expect(view.body.items[0]).toMatchObject({
      productId: created.body.id,
      unitPriceCents: 1234,
      name: 'Snapshot',
    });
  });

  it("never shows one user another user's cart", async () => {
    const alice = await issuer.token();
    const bob = await issuer.token();
    await request(cart, 'PUT', `/items/${products[0].id}`, { token: alice, body: { quantity: 3 } });
    expect((await request<CartView>(cart, 'GET', '/', { token: bob })).body.items).toEqual([]);
    await request(cart, 'DELETE', `/items/${products[0].id}`, { token: bob });
    expect((await request<CartView>(cart, 'GET', '/', { token: alice })).body.items).toHaveLength(
      1,
    );
  });

  it('answers an unknown product with 404', async () => {
    const token = await issuer.token();
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await request<ErrorResponse>(cart, 'PUT', `/items/${id}`, {
        token,
        body: { quantity: 1 },
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('UNKNOWN_PRODUCT');
    }
  });

  it.each([[0], [101], [1.5], ['2'], [null]])(
    'answers quantity %p with 400 naming quantity',
    async (quantity) => {
      const response = await request<ErrorResponse>(cart, 'PUT', `/items/${products[0].id}`, {
        token: await issuer.token(),
        body: { quantity },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('quantity');
    },
  );

  it('rejects unknown body fields and requires a token', async () => {
    const response = await request<ErrorResponse>(cart, 'PUT', `/items/${products[0].id}`, {
      token: await issuer.token(),
      body: { quantity: 1, unitPriceCents: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('unitPriceCents');
    expect((await request(cart, 'GET', '/')).status).toBe(401);
  });

  describe('checkout, and the OrderConfirmed of the order it placed', () => {
    const payment = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
    let producer: Producer;

    beforeAll(async () => {
      producer = new Kafka({
        clientId: 'cart-test-orders',
        brokers: sharedKafkaBrokers(),
        logLevel: logLevel.NOTHING,
      }).producer();
      await producer.connect();
    });

    afterAll(async () => {
      await producer?.disconnect();
    });

    async function newShopper() {
      const id = randomUUID();
      return { id, token: await issuer.token({ id }) };
    }

    const put = (token: string, productId: string, quantity: number) =>
      request<CartView>(cart, 'PUT', `/items/${productId}`, { token, body: { quantity } });

    const checkout = async (token: string, idempotencyKey: string = randomUUID()) => {
      const response = await request<OrderView>(cart, 'POST', '/checkout', {
        token,
        body: { payment },
        headers: { 'idempotency-key': idempotencyKey },
      });
      expect(response.status).toBe(202);
      return response.body;
    };

    /** The cart as [productId, quantity] pairs, in the cart's order. */
    const linesOf = async (token: string) =>
      (await request<CartView>(cart, 'GET', '/', { token })).body.items.map((i) => [
        i.productId,
        i.quantity,
      ]);

    /** `OrderConfirmed.v1` as orders writes it (the items are the order's lines). */
    const orderConfirmed = (
      order: { id: string; userId: string; items: readonly OrderLine[] },
      eventId: string = randomUUID(),
    ): EventEnvelope<string, OrderConfirmedV1> => ({
      eventId,
      type: OrderEvents.confirmed,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'orders',
      correlationId: order.id,
      payload: {
        orderId: order.id,
        userId: order.userId,
        items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
      },
    });

    /** Publishes events on orders' topic, keyed (so partitioned) by `key`, in this order. */
    const publish = (key: string, events: EventEnvelope[]) =>
      producer.send({
        topic: Topics.ordersOrders,
        acks: -1,
        messages: events.map((event) => ({ key, value: JSON.stringify(event) })),
      });

    /**
     * Publishes `events` and then, on the same partition, the confirmation of another shopper's
     * checkout, and waits until that shopper's cart is empty: by then the cart has handled every
     * one of `events` (one partition is handled in order), whatever they did or did not change.
     */
    async function deliverAndSettle(key: string, events: EventEnvelope[]) {
      const sentinel = await newShopper();
      await put(sentinel.token, products[2].id, 1);
      const order = await checkout(sentinel.token);
      await publish(key, [...events, orderConfirmed(order)]);
      await expectEventually(async () => expect(await linesOf(sentinel.token)).toEqual([]));
    }

    it('places the order with the cart lines and empties the cart once that order is confirmed', async () => {
      const shopper = await newShopper();
      const [a, b] = products;
      await put(shopper.token, a.id, 2);
      await put(shopper.token, b.id, 1);
      const key = randomUUID();
      const order = await checkout(shopper.token, key);
      expect(order.status).toBe('PENDING');
      expect(orders.calls.find((c) => c.order.id === order.id)).toMatchObject({
        idempotencyKey: key,
        userId: shopper.id,
        items: [
          { productId: a.id, quantity: 2 },
          { productId: b.id, quantity: 1 },
        ],
      });
      // Pending: the cart stays as it was.
      expect(await linesOf(shopper.token)).toEqual([
        [a.id, 2],
        [b.id, 1],
      ]);
      await publish(order.id, [orderConfirmed(order)]);
      await expectEventually(async () => expect(await linesOf(shopper.token)).toEqual([]));
    });

    it('keeps lines changed or re-added after checkout and removes only the untouched ones', async () => {
      const shopper = await newShopper();
      const [a, b, c] = products;
      await put(shopper.token, a.id, 2);
      await put(shopper.token, b.id, 1);
      await put(shopper.token, c.id, 4);
      const order = await checkout(shopper.token);
      await put(shopper.token, a.id, 5); // changed
      await request(cart, 'DELETE', `/items/${b.id}`, { token: shopper.token });
      await put(shopper.token, b.id, 1); // re-added as it was
      await publish(order.id, [orderConfirmed(order)]);
      // c, taken by the checkout and untouched since, goes: the event has been handled.
      await expectEventually(async () =>
        expect(await linesOf(shopper.token)).toEqual([
          [a.id, 5],
          [b.id, 1],
        ]),
      );
    });

    it('removes nothing for a confirmed order the cart did not place (POST /api/orders)', async () => {
      const shopper = await newShopper();
      const [a] = products;
      await put(shopper.token, a.id, 2);
      const direct = {
        id: randomUUID(),
        userId: shopper.id,
        items: [{ productId: a.id, quantity: 2 }],
      };
      await deliverAndSettle(direct.id, [orderConfirmed(direct)]);
      expect(await linesOf(shopper.token)).toEqual([[a.id, 2]]);
    });

    it('gives the lines to the newest checkout: the first order confirmed removes nothing, the second empties the cart', async () => {
      const shopper = await newShopper();
      const [a, b] = products;
      await put(shopper.token, a.id, 1);
      const first = await checkout(shopper.token);
      await put(shopper.token, b.id, 3);
      const second = await checkout(shopper.token);
      expect(second.id).not.toBe(first.id);
      expect(second.items.map((i) => [i.productId, i.quantity])).toEqual([
        [a.id, 1],
        [b.id, 3],
      ]);

      await deliverAndSettle(first.id, [orderConfirmed(first)]);
      expect(await linesOf(shopper.token)).toEqual([
        [a.id, 1],
        [b.id, 3],
      ]);

      await publish(second.id, [orderConfirmed(second)]);
      await expectEventually(async () => expect(await linesOf(shopper.token)).toEqual([]));
    });

    it('keeps a line changed while orders was still placing the order', async () => {
      const shopper = await newShopper();
      const [a, b] = products;
      await put(shopper.token, a.id, 2);
      await put(shopper.token, b.id, 1);
      // Orders has taken a x 2 and b x 1; before its answer reaches the cart, a becomes 3.
      orders.state.beforeAnswer = () => put(shopper.token, a.id, 3);
      const order = await checkout(shopper.token);
      expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([
        [a.id, 2],
        [b.id, 1],
      ]);
      await publish(order.id, [orderConfirmed(order)]);
      await expectEventually(async () => expect(await linesOf(shopper.token)).toEqual([[a.id, 3]]));
    });

    it('changes nothing when an OrderConfirmed is delivered again', async () => {
      const shopper = await newShopper();
      const [a] = products;
      const key = randomUUID();
      await put(shopper.token, a.id, 1);
      const order = await checkout(shopper.token, key);
      const confirmed = orderConfirmed(order);
      await publish(order.id, [confirmed]);
      await expectEventually(async () => expect(await linesOf(shopper.token)).toEqual([]));

      // The same line again, and a repeated checkout (same key): orders answers the same order,
      // so the line is that order's again. Its confirmation, redelivered, must not remove it.
      await put(shopper.token, a.id, 1);
      expect((await checkout(shopper.token, key)).id).toBe(order.id);
      await deliverAndSettle(order.id, [confirmed]);
      expect(await linesOf(shopper.token)).toEqual([[a.id, 1]]);
    });
  });
});
