import { Injectable } from '@nestjs/common';
import { sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { StockReservationsRepository } from '../application/stock-reservations.repository';
import type {
  RejectionReason,
  ReservationLine,
  ReservationOutcome,
  ReservedLine,
} from '../domain/reservation';

interface ReservationRow {
  status: 'RESERVED' | 'REJECTED' | 'COMMITTED' | 'RELEASED';
  reason: RejectionReason | null;
}

/** stock_reservations and their lines: written here only, always in the caller's transaction. */
@Injectable()
export class PostgresStockReservationsRepository implements StockReservationsRepository {
  async claim(tx: Transaction, orderId: string): Promise<boolean> {
    const claimed = await sql(
      managerOf(tx),
      `INSERT INTO stock_reservations (order_id, status) VALUES ($1, 'RESERVED')
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [orderId],
    );
    return claimed.length > 0;
  }

  async addLines(tx: Transaction, orderId: string, lines: readonly ReservedLine[]): Promise<void> {
    for (const line of lines) {
      await sql(
        managerOf(tx),
        `INSERT INTO stock_reservation_lines (order_id, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)`,
        [orderId, line.productId, line.quantity, line.unitPriceCents],
      );
    }
  }

  async reject(tx: Transaction, orderId: string, reason: RejectionReason): Promise<void> {
    await sql(
      managerOf(tx),
      `UPDATE stock_reservations SET status = 'REJECTED', reason = $2 WHERE order_id = $1`,
      [orderId, reason],
    );
  }

  async commit(tx: Transaction, orderId: string): Promise<void> {
    await sql(
      managerOf(tx),
      `UPDATE stock_reservations SET status = 'COMMITTED', updated_at = now()
       WHERE order_id = $1 AND status = 'RESERVED'`,
      [orderId],
    );
  }

  async release(tx: Transaction, orderId: string): Promise<ReservationLine[] | null> {
    const released = await sql(
      managerOf(tx),
      `UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
       WHERE order_id = $1 AND status = 'RESERVED' RETURNING order_id`,
      [orderId],
    );
    if (released.length === 0) return null;
    const lines: { product_id: string; quantity: number }[] = await sql(
      managerOf(tx),
      'SELECT product_id, quantity FROM stock_reservation_lines WHERE order_id = $1 ORDER BY product_id',
      [orderId],
    );
    return lines.map((l) => ({ productId: l.product_id, quantity: l.quantity }));
  }

  async tombstone(tx: Transaction, orderId: string): Promise<void> {
    await sql(
      managerOf(tx),
      `INSERT INTO stock_reservations (order_id, status) VALUES ($1, 'RELEASED') ON CONFLICT (order_id) DO NOTHING`,
      [orderId],
    );
  }

  async outcomeOf(tx: Transaction, orderId: string): Promise<ReservationOutcome | null> {
    const rows: ReservationRow[] = await sql(
      managerOf(tx),
      'SELECT status, reason FROM stock_reservations WHERE order_id = $1',
      [orderId],
    );
    if (rows.length === 0) return null;
    const { status, reason } = rows[0];
    if (status === 'REJECTED') return { status, reason: reason ?? 'OUT_OF_STOCK' };
    if (status === 'RELEASED') return { status };
    const lines: { product_id: string; quantity: number; unit_price_cents: number }[] = await sql(
      managerOf(tx),
      'SELECT product_id, quantity, unit_price_cents FROM stock_reservation_lines WHERE order_id = $1 ORDER BY product_id',
      [orderId],
    );
    return {
      status,
      lines: lines.map((l) => ({
        productId: l.product_id,
        quantity: l.quantity,
        unitPriceCents: l.unit_price_cents,
      })),
    };
  }
}
