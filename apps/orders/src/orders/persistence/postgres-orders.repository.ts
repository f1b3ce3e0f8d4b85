import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CancelReason, CardSummary, OrderItemView, OrderStatus } from '@shop/contracts';
import { bigintCents, sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { OrdersRepository, type NewOrder } from '../application/orders.repository';
import type { OrderRecord } from '../domain/order-record';
import { INITIAL_SAGA_STATE, type SagaState, type SagaStep } from '../domain/order-saga';

interface OrderRow {
  id: string;
  user_id: string;
  status: OrderStatus;
  saga_step: SagaStep;
  cancel_reason: CancelReason | null;
  items: OrderItemView[];
  total_cents: string | null;
  currency: string;
  card: CardSummary | null;
  request_hash: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, user_id, status, saga_step, cancel_reason, items, total_cents, currency, card, request_hash, created_at, updated_at';

@Injectable()
export class PostgresOrdersRepository implements OrdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the order unless this user already used the key; null when the key is taken. */
  async insertOnce(tx: Transaction, order: NewOrder): Promise<OrderRecord | null> {
    const rows = await sql<OrderRow>(
      managerOf(tx),
      `INSERT INTO orders (id, user_id, status, saga_step, items, card, idempotency_key, request_hash)
       VALUES ($1, $2, $7, $8, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT orders_idempotency_key DO NOTHING RETURNING ${COLUMNS}`,
      [
        order.id,
        order.userId,
        JSON.stringify(order.items),
        order.card,
        order.key,
        order.requestHash,
        INITIAL_SAGA_STATE.status,
        INITIAL_SAGA_STATE.step,
      ],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findByKey(tx: Transaction, userId: string, key: string): Promise<OrderRecord | null> {
    const rows = await sql<OrderRow>(
      managerOf(tx),
      `SELECT ${COLUMNS} FROM orders WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** The order, locked for the rest of the transaction (saga steps of one order serialize). */
  async lock(tx: Transaction, id: string): Promise<OrderRecord | null> {
    const rows = await sql<OrderRow>(
      managerOf(tx),
      `SELECT ${COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /**
   * Pending orders created more than `deadlineSeconds` ago (by the database's clock), oldest
   * first, locked for the rest of the transaction. Rows another replica is sweeping (or a saga
   * step is holding) are skipped, so replicas share the work and never double it.
   */
  async lockOverdue(
    tx: Transaction,
    deadlineSeconds: number,
    limit: number,
  ): Promise<OrderRecord[]> {
    const rows = await sql<OrderRow>(
      managerOf(tx),
      `SELECT ${COLUMNS} FROM orders
       WHERE status = 'PENDING' AND created_at < clock_timestamp() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [deadlineSeconds, limit],
    );
    return rows.map(toRecord);
  }

  /**
   * Records a saga step. A final step also forgets the card summary: it was kept only for the
   * payment request (docs/api.md: the card is kept no longer than the order needs it).
   */
  async applySaga(
    tx: Transaction,
    id: string,
    state: SagaState,
    priced?: { items: OrderItemView[]; totalCents: number },
  ): Promise<void> {
    await sql(
      managerOf(tx),
      `UPDATE orders SET status = $2, saga_step = $3::varchar, cancel_reason = $4,
         items = COALESCE($5::jsonb, items), total_cents = COALESCE($6::bigint, total_cents),
         card = CASE WHEN $3::varchar = 'DONE' THEN NULL ELSE card END, updated_at = clock_timestamp()
       WHERE id = $1`,
      [
        id,
        state.status,
        state.step,
        state.cancelReason,
        priced ? JSON.stringify(priced.items) : null,
        bigintCents.to(priced?.totalCents ?? null),
      ],
    );
  }

  async findOwn(userId: string, id: string): Promise<OrderRecord | null> {
    const rows = await sql<OrderRow>(
      this.db,
      `SELECT ${COLUMNS} FROM orders WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async listOwn(userId: string, limit = 100): Promise<OrderRecord[]> {
    const rows = await sql<OrderRow>(
      this.db,
      `SELECT ${COLUMNS} FROM orders WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [userId, limit],
    );
    return rows.map(toRecord);
  }

  async countPending(): Promise<number> {
    // orders_pending_created_idx (partial, PENDING only) answers it without reading the table
    const rows = await sql<{ pending: string }>(
      this.db,
      `SELECT count(*) AS pending FROM orders WHERE status = 'PENDING'`,
    );
    return Number(rows[0]?.pending ?? 0);
  }
}

function toRecord(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    items: row.items.map((i) => ({
      productId: i.productId,
      quantity: i.quantity,
      unitPriceCents: i.unitPriceCents,
    })),
    totalCents: bigintCents.from(row.total_cents),
    currency: row.currency.trim(),
    cancelReason: row.cancel_reason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    sagaStep: row.saga_step,
    card: row.card,
    requestHash: row.request_hash,
  };
}
