import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PaymentStatus, PaymentView } from '@shop/contracts';
import { bigintCents, sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { PaymentsRepository, type NewPayment } from '../application/payments.repository';

interface PaymentRow {
  id: string;
  order_id: string;
  /** bigint: Postgres returns it as text. */
  amount_cents: string;
  currency: string;
  status: PaymentStatus;
  card_last4: string;
  created_at: Date;
}

const COLUMNS = 'id, order_id, amount_cents, currency, status, card_last4, created_at';

@Injectable()
export class PostgresPaymentsRepository implements PaymentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the processor's answer; null when this order already has a payment. */
  async insertOnce(tx: Transaction, payment: NewPayment): Promise<PaymentView | null> {
    const rows = await sql<PaymentRow>(
      managerOf(tx),
      `INSERT INTO payments (id, order_id, user_id, amount_cents, currency, status, decline_reason, card_last4)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT payments_order_key DO NOTHING RETURNING ${COLUMNS}`,
      [
        payment.id,
        payment.orderId,
        payment.userId,
        bigintCents.to(payment.amountCents),
        payment.currency,
        payment.status,
        payment.declineReason,
        payment.cardLast4,
      ],
    );
    if (rows.length === 0) return null;
    if (payment.status === 'AUTHORIZED') {
      await sql(
        managerOf(tx),
        `INSERT INTO ledger_entries (payment_id, kind, amount_cents) VALUES ($1, 'AUTHORIZATION', $2)`,
        [payment.id, bigintCents.to(payment.amountCents)],
      );
    }
    return toView(rows[0]);
  }

  /** AUTHORIZED → REFUNDED once, with its ledger entry; null when there was nothing to refund. */
  async refund(tx: Transaction, orderId: string): Promise<PaymentView | null> {
    const rows = await sql<PaymentRow>(
      managerOf(tx),
      `UPDATE payments SET status = 'REFUNDED', updated_at = clock_timestamp()
       WHERE order_id = $1 AND status = 'AUTHORIZED' RETURNING ${COLUMNS}`,
      [orderId],
    );
    if (rows.length === 0) return null;
    await sql(
      managerOf(tx),
      `INSERT INTO ledger_entries (payment_id, kind, amount_cents) VALUES ($1, 'REFUND', $2)`,
      [rows[0].id, -(bigintCents.from(rows[0].amount_cents) ?? 0)],
    );
    return toView(rows[0]);
  }

  async listOwn(userId: string, orderId?: string): Promise<PaymentView[]> {
    const rows = await sql<PaymentRow>(
      this.db,
      `SELECT ${COLUMNS} FROM payments WHERE user_id = $1 AND ($2::uuid IS NULL OR order_id = $2::uuid)
       ORDER BY created_at DESC LIMIT 100`,
      [userId, orderId ?? null],
    );
    return rows.map(toView);
  }
}

function toView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    orderId: row.order_id,
    amountCents: bigintCents.from(row.amount_cents) ?? 0,
    currency: row.currency.trim(),
    status: row.status,
    cardLast4: row.card_last4,
    createdAt: row.created_at.toISOString(),
  };
}
