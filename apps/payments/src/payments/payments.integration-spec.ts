import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_ORDER_TOTAL_CENTS, type PaymentView } from '@shop/contracts';
import { OutboxService, type Emit } from '@shop/platform/messaging';
import { migrateDatabase, asTransaction, type Transaction } from '@shop/platform/persistence';
import {
  queryDatabase,
  serviceEnv,
  startTestTokenIssuer,
  type TestDatabase,
  type TestTokenIssuer,
} from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/service-kit/testing';
import { AppModule } from '../app.module';
import { loadPaymentsConfig } from '../config/payments.config';
import { paymentsDataSourceOptions } from '../database/data-source';
import { PaymentsService } from './application/payments.service';

/**
 * Payments against real Postgres: amounts exact up to the largest total the contract allows.
 * The consumer's work is applied as the consumer applies it (one transaction with the outbox).
 */
describe('payments (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let issuer: TestTokenIssuer;
  let database: TestDatabase;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    const prepared = await serviceEnv('payments');
    database = prepared.database;
    const config = loadPaymentsConfig({ ...prepared.env, AUTH_JWKS_URL: issuer.jwksUrl });
    await migrateDatabase(paymentsDataSourceOptions(config), () => undefined);
    ({ app } = await startServiceApp('payments', AppModule.register(config), config));
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const inTransaction = (work: (tx: Transaction, emit: Emit) => Promise<void>) =>
    app.get(OutboxService).transaction((tx, emit) => work(asTransaction(tx), emit));

  it.each([
    ['22 units at the highest price (past a 32-bit integer)', 2_200_000_000],
    ['50 lines x 100 units at the highest price', MAX_ORDER_TOTAL_CENTS],
  ])('authorizes and refunds %s exactly', async (_name, amountCents) => {
    const userId = randomUUID();
    const orderId = randomUUID();
    const token = await issuer.token({ id: userId });
    const payments = app.get(PaymentsService);
    await inTransaction((tx, emit) =>
      payments.authorizeOrder(tx, emit, {
        orderId,
        userId,
        amountCents,
        currency: 'USD',
        card: { cardLast4: '4242', expMonth: 12, expYear: 2099 },
      }),
    );
    const listed = await request<{ items: PaymentView[] }>(app, 'GET', `/?orderId=${orderId}`, {
      token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ orderId, amountCents, status: 'AUTHORIZED', currency: 'USD' }),
    ]);

    await inTransaction((tx, emit) => payments.refundOrder(tx, emit, orderId));
    const ledger = await queryDatabase<{ kind: string; amount_cents: string }>(
      database,
      `SELECT l.kind, l.amount_cents FROM ledger_entries l JOIN payments p ON p.id = l.payment_id
       WHERE p.order_id = $1 ORDER BY l.id`,
      [orderId],
    );
    expect(ledger).toEqual([
      { kind: 'AUTHORIZATION', amount_cents: String(amountCents) },
      { kind: 'REFUND', amount_cents: String(-amountCents) },
    ]);
    const events = await queryDatabase<{
      envelope: { type: string; payload: { amountCents: number } };
    }>(database, 'SELECT envelope FROM outbox WHERE message_key = $1 ORDER BY seq', [orderId]);
    expect(events.map((e) => [e.envelope.type, e.envelope.payload.amountCents])).toEqual([
      ['PaymentAuthorized', amountCents],
      ['PaymentRefunded', amountCents],
    ]);
  });
});
