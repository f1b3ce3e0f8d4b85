import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_UNIT_PRICE_CENTS, type OrderView } from '@shop/contracts';
import { OutboxService } from '@shop/platform/messaging';
import { migrateDatabase, asTransaction } from '@shop/platform/persistence';
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
import { OrderDeadlineSweeper } from './application/order-deadline.sweeper';
import { OrdersService } from './application/orders.service';
import type { SagaEvent } from './domain/order-saga';

const payment = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };

interface OutboxEvent {
  type: string;
  payload: { amountCents?: number; reason?: string; card?: unknown };
}

/**
 * The saga against real Postgres: exact money for the largest orders, and the deadline that
 * ends every order. Saga steps are applied the way the consumer applies them (one transaction
 * with the outbox), without Kafka in between: other test files' orders apps share the group.
 */
describe('orders saga: money and deadline (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let issuer: TestTokenIssuer;
  let database: TestDatabase;
  let token: string;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    const prepared = await serviceEnv('orders_saga');
    database = prepared.database;
    const config = loadOrdersConfig({
      ...prepared.env,
      AUTH_JWKS_URL: issuer.jwksUrl,
      ORDER_DEADLINE_SECONDS: '4',
      ORDER_DEADLINE_SWEEP_MS: '200',
    });
    await migrateDatabase(ordersDataSourceOptions(config), () => undefined);
    ({ app } = await startServiceApp('orders', AppModule.register(config), config));
    token = await issuer.token();
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const query = <T>(text: string, params: unknown[] = []) =>
    queryDatabase<T>(database, text, params);

  const place = async (items: { productId: string; quantity: number }[]) => {
    const response = await request<OrderView>(app, 'POST', '/', {
      token,
      body: { items, payment },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(response.status).toBe(202);
    return response.body;
  };

  const step = (orderId: string, event: SagaEvent) =>
    app
      .get(OutboxService)
      .transaction((tx, emit) =>
        app.get(OrdersService).advance(asTransaction(tx), emit, orderId, event),
      );

  const order = async (id: string) =>
    (await request<OrderView>(app, 'GET', `/${id}`, { token })).body;

  const events = async (orderId: string) =>
    (
      await query<{ envelope: OutboxEvent }>(
        'SELECT envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
        [orderId],
      )
    ).map((row) => row.envelope);

  const card = async (orderId: string) =>
    (await query<{ card: unknown }>('SELECT card FROM orders WHERE id = $1', [orderId]))[0].card;

  describe('money is exact for every order the contract allows', () => {
    it.each([
      ['22 units at the highest price (past a 32-bit integer)', 1, 22, 2_200_000_000],
      ['50 lines x 100 units at the highest price', 50, 100, 500_000_000_000],
    ])('%s', async (_name, lines, quantity, expected) => {
      const items = Array.from({ length: lines }, () => ({ productId: randomUUID(), quantity }));
      const placed = await place(items);
      await step(placed.id, {
        kind: 'StockReserved',
        lines: items.map((i) => ({ ...i, unitPriceCents: MAX_UNIT_PRICE_CENTS })),
      });
      expect(await order(placed.id)).toMatchObject({ status: 'PENDING', totalCents: expected });
      const requested = (await events(placed.id)).find((e) => e.type === 'OrderPaymentRequested');
      expect(requested?.payload.amountCents).toBe(expected);

      await step(placed.id, { kind: 'PaymentAuthorized' });
      const confirmed = await order(placed.id);
      expect(confirmed).toMatchObject({ status: 'CONFIRMED', totalCents: expected });
      expect(confirmed.items.every((i) => i.unitPriceCents === MAX_UNIT_PRICE_CENTS)).toBe(true);
      // The card summary was needed for the payment request only.
      expect(await card(placed.id)).toBeNull();
    });
  });

  describe('the deadline ends every order', () => {
    it('an order nobody answers is cancelled TIMEOUT by the periodic sweep, its card forgotten', async () => {
      const placed = await place([{ productId: randomUUID(), quantity: 1 }]);
      expect(await card(placed.id)).not.toBeNull();
      const ended = await expectEventually(
        async () => {
          const current = await order(placed.id);
          expect(current.status).toBe('CANCELLED');
          return current;
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      expect(ended.cancelReason).toBe('TIMEOUT');
      expect(Date.parse(ended.updatedAt) - Date.parse(ended.createdAt)).toBeGreaterThanOrEqual(
        4_000,
      );
      expect(await card(placed.id)).toBeNull();
      // OrderCancelled (TIMEOUT) went out through the outbox with the state change: catalog
      // releases whatever it holds, payments refunds whatever it authorized.
      expect((await events(placed.id)).map((e) => [e.type, e.payload.reason])).toEqual([
        ['OrderPlaced', undefined],
        ['OrderCancelled', 'TIMEOUT'],
      ]);
    });

    it('an order waiting for payment times out too; a late reservation and authorization are compensated', async () => {
      const items = [{ productId: randomUUID(), quantity: 3 }];
      const placed = await place(items);
      await step(placed.id, {
        kind: 'StockReserved',
        lines: [{ ...items[0], unitPriceCents: 700 }],
      });
      await expectEventually(
        async () => expect((await order(placed.id)).cancelReason).toBe('TIMEOUT'),
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      // Late answers change nothing but are each answered with OrderCancelled again: a
      // reservation made after the cancel is released, a late authorization is refunded.
      await step(placed.id, {
        kind: 'StockReserved',
        lines: [{ ...items[0], unitPriceCents: 700 }],
      });
      await step(placed.id, { kind: 'PaymentAuthorized' });
      expect(await order(placed.id)).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'TIMEOUT',
        totalCents: 2_100,
      });
      expect((await events(placed.id)).map((e) => [e.type, e.payload.reason])).toEqual([
        ['OrderPlaced', undefined],
        ['OrderPaymentRequested', undefined],
        ['OrderCancelled', 'TIMEOUT'],
        ['OrderCancelled', 'TIMEOUT'],
        ['OrderCancelled', 'TIMEOUT'],
      ]);
    });

    it('an order that ended in time is left alone', async () => {
      const items = [{ productId: randomUUID(), quantity: 1 }];
      const placed = await place(items);
      await step(placed.id, { kind: 'StockReserved', lines: [{ ...items[0], unitPriceCents: 5 }] });
      await step(placed.id, { kind: 'PaymentAuthorized' });
      await query(`UPDATE orders SET created_at = created_at - interval '1 hour' WHERE id = $1`, [
        placed.id,
      ]);
      await app.get(OrderDeadlineSweeper).sweep();
      expect(await order(placed.id)).toMatchObject({ status: 'CONFIRMED', cancelReason: null });
      expect((await events(placed.id)).map((e) => e.type)).not.toContain('OrderCancelled');
    });

    it('sweeps running at once (replicas) cancel each overdue order exactly once', async () => {
      const placed = await Promise.all(
        Array.from({ length: 120 }, () => place([{ productId: randomUUID(), quantity: 1 }])),
      );
      const ids = placed.map((o) => o.id);
      await query(
        `UPDATE orders SET created_at = created_at - interval '1 hour' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const service = app.get(OrdersService);
      await Promise.all(Array.from({ length: 4 }, () => service.expireOverdue(4, 50)));
      // The app's own periodic sweep may hold some rows (skipped above) until it commits.
      await expectEventually(
        async () => {
          await app.get(OrderDeadlineSweeper).sweep();
          const statuses = await query<{ status: string; cancel_reason: string }>(
            'SELECT DISTINCT status, cancel_reason FROM orders WHERE id = ANY($1::uuid[])',
            [ids],
          );
          expect(statuses).toEqual([{ status: 'CANCELLED', cancel_reason: 'TIMEOUT' }]);
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      const cancellations = await query<{ key: string; n: number }>(
        `SELECT message_key AS key, count(*)::int AS n FROM outbox
         WHERE message_key = ANY($1::text[]) AND envelope->>'type' = 'OrderCancelled'
         GROUP BY message_key`,
        [ids],
      );
      expect(cancellations).toHaveLength(120);
      expect(cancellations.every((c) => c.n === 1)).toBe(true);
    });
  });
});
