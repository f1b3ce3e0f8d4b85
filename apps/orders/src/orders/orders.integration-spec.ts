import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ErrorResponse, OrderView } from '@shop/contracts';
import { migrateDatabase } from '@shop/platform/persistence';
import {
  expectEventually,
  queryDatabase,
  serviceEnv,
  startTestTokenIssuer,
  type TestDatabase,
  type TestTokenIssuer,
} from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/service-kit/testing';
import { AppModule } from '../app.module';
import { loadOrdersConfig } from '../config/orders.config';
import { ordersDataSourceOptions } from '../database/data-source';
import { PendingOrdersGauge } from './application/pending-orders.gauge';
import { ORDER_STATUS_LISTENER_NAME } from './persistence/postgres-order-status-notices';

const payment = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };

describe('orders placement (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let issuer: TestTokenIssuer;
  let database: TestDatabase;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    const prepared = await serviceEnv('orders');
    database = prepared.database;
    const config = loadOrdersConfig({ ...prepared.env, AUTH_JWKS_URL: issuer.jwksUrl });
    await migrateDatabase(ordersDataSourceOptions(config), () => undefined);
    ({ app } = await startServiceApp('orders', AppModule.register(config), config));
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const query = <T>(text: string, params: unknown[] = []) =>
    queryDatabase<T>(database, text, params);

  const place = (token: string, key: string | undefined, body: unknown) =>
    request<OrderView & ErrorResponse>(app, 'POST', '/', {
      token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('accepts an order as PENDING with its OrderPlaced event in the outbox, card reduced to last 4', async () => {
    const token = await issuer.token();
    const items = [{ productId: randomUUID(), quantity: 2 }];
    const response = await place(token, randomUUID(), { items, payment });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      status: 'PENDING',
      totalCents: null,
      cancelReason: null,
      currency: 'USD',
    });
    expect(response.body.items).toEqual([{ ...items[0], unitPriceCents: null }]);

    const [stored] = await query<{ card: unknown }>('SELECT card FROM orders WHERE id = $1', [
      response.body.id,
    ]);
    expect(stored.card).toEqual({ cardLast4: '4242', expMonth: 12, expYear: 2099 });
    const events = await query<{ envelope: { type: string; payload: unknown } }>(
      `SELECT envelope FROM outbox WHERE message_key = $1`,
      [response.body.id],
    );
    expect(events.map((e) => e.envelope.type)).toEqual(['OrderPlaced']);
    expect(JSON.stringify(events)).not.toContain('4242424242424242');
  });

  it('creates one order for concurrent repeats of one Idempotency-Key', async () => {
    const token = await issuer.token();
    const key = randomUUID();
    const body = { items: [{ productId: randomUUID(), quantity: 1 }], payment };
    const responses = await Promise.all(Array.from({ length: 20 }, () => place(token, key, body)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([202]));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await query('SELECT 1 FROM orders WHERE id = $1', [id])).toHaveLength(1);
    expect(await query('SELECT 1 FROM outbox WHERE message_key = $1', [id])).toHaveLength(1);
  });

  it('answers 409 for a reused key with a different body, and keeps keys per user', async () => {
    const token = await issuer.token();
    const key = randomUUID();
    const first = await place(token, key, {
      items: [{ productId: randomUUID(), quantity: 1 }],
      payment,
    });
    const other = await place(token, key, {
      items: [{ productId: randomUUID(), quantity: 1 }],
      payment,
    });
    expect(first.status).toBe(202);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const someoneElse = await place(await issuer.token(), key, {
      items: [{ productId: randomUUID(), quantity: 1 }],
      payment,
    });
    expect(someoneElse.status).toBe(202);
    expect(someoneElse.body.id).not.toBe(first.body.id);
  });

  it.each([
    [
      'a missing Idempotency-Key',
      undefined,
      { items: [{ productId: randomUUID(), quantity: 1 }], payment },
      'Idempotency-Key',
    ],
    [
      'a card failing Luhn',
      'k',
      {
        items: [{ productId: randomUUID(), quantity: 1 }],
        payment: { ...payment, cardNumber: '4242424242424241' },
      },
      'cardNumber',
    ],
    [
      'an expired card',
      'k',
      { items: [{ productId: randomUUID(), quantity: 1 }], payment: { ...payment, expYear: 2020 } },
      'expired',
    ],
    ['no items', 'k', { items: [], payment }, 'items'],
    [
      '51 lines',
      'k',
      {
        items: Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })),
        payment,
      },
      'items',
    ],
    [
      'quantity 101',
      'k',
      { items: [{ productId: randomUUID(), quantity: 101 }], payment },
      'items.0.quantity',
    ],
    [
      'a bad product id',
      'k',
      { items: [{ productId: 'nope', quantity: 1 }], payment },
      'items.0.productId',
    ],
    [
      'a missing cvc',
      'k',
      {
        items: [{ productId: randomUUID(), quantity: 1 }],
        payment: { ...payment, cvc: undefined },
      },
      'payment.cvc',
    ],
    [
      'an unknown field',
      'k',
      { items: [{ productId: randomUUID(), quantity: 1 }], payment, coupon: 'FREE' },
      'coupon',
    ],
  ])('answers %s with 400 naming it', async (_name, key, body, field) => {
    const response = await place(await issuer.token(), key, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(field);
  });

  it('counts the pending orders for the system map, and no longer those that ended', async () => {
    const gauge = app.get(PendingOrdersGauge);
    const token = await issuer.token();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const placed = await place(token, randomUUID(), {
        items: [{ productId: randomUUID(), quantity: 1 }],
        payment,
      });
      ids.push(placed.body.id);
    }
    const pendingNow = async () =>
      Number(
        (await query<{ n: string }>(`SELECT count(*) AS n FROM orders WHERE status = 'PENDING'`))[0]
          ?.n,
      );
    await gauge.refresh();
    expect(gauge.current).toBe(await pendingNow());
    expect(gauge.current).toBeGreaterThanOrEqual(3);
    const before = gauge.current;
    await query(
      `UPDATE orders SET status = 'CANCELLED', cancel_reason = 'TIMEOUT' WHERE id = ANY($1::uuid[])`,
      [ids.slice(0, 2)],
    );
    await gauge.refresh();
    expect(gauge.current).toBe(await pendingNow());
    expect(gauge.current).toBe(before - 2);
  });

  it("shows a user their own orders only, newest first; another user's order is a 404", async () => {
    const alice = await issuer.token();
    const bob = await issuer.token();
    const a1 = await place(alice, randomUUID(), {
      items: [{ productId: randomUUID(), quantity: 1 }],
      payment,
    });
    const a2 = await place(alice, randomUUID(), {
      items: [{ productId: randomUUID(), quantity: 1 }],
      payment,
    });
    const list = await request<{ items: OrderView[] }>(app, 'GET', '/', { token: alice });
    expect(list.body.items.map((o) => o.id)).toEqual([a2.body.id, a1.body.id]);
    expect((await request(app, 'GET', `/${a1.body.id}`, { token: alice })).status).toBe(200);
    expect((await request(app, 'GET', `/${a1.body.id}`, { token: bob })).status).toBe(404);
    expect((await request(app, 'GET', `/${a1.body.id}/events`, { token: bob })).status).toBe(404);
    expect((await request(app, 'GET', '/not-a-uuid', { token: alice })).status).toBe(404);
    expect(
      (await request<{ items: OrderView[] }>(app, 'GET', '/', { token: bob })).body.items,
    ).toEqual([]);
  });
  describe('the event stream (GET /:id/events), pushed by status notices from the database', () => {
    /** Opens the stream; resolves with the statuses it sent once it closes (at a final status). */
    const statusesStreamed = async (token: string, id: string) => {
      const response = await app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: `/${id}/events`,
          headers: { authorization: `Bearer ${token}` },
        });
      expect(response.headers['content-type']).toContain('text/event-stream');
      return response.body
        .split('\n\n')
        .filter((chunk) => chunk.startsWith('event: status'))
        .map((chunk) => (JSON.parse(chunk.split('\ndata: ')[1]) as OrderView).status);
    };
    const pendingOrder = async (token: string) =>
      (
        await place(token, randomUUID(), {
          items: [{ productId: randomUUID(), quantity: 1 }],
          payment,
        })
      ).body.id;
    const streamsWatching = async () =>
      (
        await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
          [ORDER_STATUS_LISTENER_NAME],
        )
      )[0].n;

    afterEach(() => query('ALTER TABLE orders ENABLE TRIGGER order_status_changed'));

    it('sends the change the moment it is announced (no polling while notices arrive)', async () => {
      await expectEventually(async () => expect(await streamsWatching()).toBe(1));
      const token = await issuer.token();
      const id = await pendingOrder(token);
      const streamed = statusesStreamed(token, id);
      await query(`UPDATE orders SET status = 'CONFIRMED', saga_step = 'DONE' WHERE id = $1`, [id]);
      expect(await streamed).toEqual(['PENDING', 'CONFIRMED']);
    });

    it('reads its order itself while the listener is cut off, and the listener comes back', async () => {
      await expectEventually(async () => expect(await streamsWatching()).toBe(1));
      const token = await issuer.token();
      const id = await pendingOrder(token);
      await query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [ORDER_STATUS_LISTENER_NAME],
      );
      // Nothing is announced now: only the stream's own reads can see this change.
      await query('ALTER TABLE orders DISABLE TRIGGER order_status_changed');
      const streamed = statusesStreamed(token, id);
      await query(
        `UPDATE orders SET status = 'CANCELLED', cancel_reason = 'OUT_OF_STOCK', saga_step = 'DONE' WHERE id = $1`,
        [id],
      );
      expect(await streamed).toEqual(['PENDING', 'CANCELLED']);
      await expectEventually(async () => expect(await streamsWatching()).toBe(1));
    });
  });
});
