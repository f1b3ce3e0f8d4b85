import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  normalizeLines,
  type RejectionReason,
  type ReservationLine,
  type ReservationOutcome,
  type ReservedLine,
} from '../domain/reservation';
import { sql } from '@shop/platform/persistence';
import { isUuid } from '@shop/contracts';

interface ReservationRow {
  status: 'RESERVED' | 'REJECTED' | 'COMMITTED' | 'RELEASED';
  reason: RejectionReason | null;
}

/**
 * Stock reservations for orders: reserve, commit, release. Every operation is keyed by order id
 * and idempotent (a repeat returns the first outcome and changes nothing); stock changes are
 * conditional updates, so available stock never goes below zero however many orders race.
 */
@Injectable()
export class InventoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  reserve(
    orderId: string,
    requested: readonly ReservationLine[],
    within?: EntityManager,
  ): Promise<ReservationOutcome> {
    const lines = normalizeLines(requested);
    return this.inTransaction(within, async (tx) => {
      const claimed = await sql(
        tx,
        `INSERT INTO stock_reservations (order_id, status) VALUES ($1, 'RESERVED')
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId],
      );
      if (claimed.length === 0) return (await this.outcomeOf(tx, orderId)) as ReservationOutcome;

      await sql(tx, 'SAVEPOINT take_stock');
      const reserved: ReservedLine[] = [];
      for (const line of lines) {
        const rows: { price_cents: number }[] = isUuid(line.productId)
          ? await sql(
              tx,
              `UPDATE products SET stock = stock - $2, updated_at = now()
               WHERE id = $1 AND stock >= $2 RETURNING price_cents`,
              [line.productId, line.quantity],
            )
          : [];
        if (rows.length === 0) {
          await sql(tx, 'ROLLBACK TO SAVEPOINT take_stock');
          const reason = await this.rejectionReason(tx, line.productId);
          await sql(
            tx,
            `UPDATE stock_reservations SET status = 'REJECTED', reason = $2 WHERE order_id = $1`,
            [orderId, reason],
          );
          return { status: 'REJECTED', reason };
        }
        reserved.push({ ...line, unitPriceCents: rows[0].price_cents });
      }
      for (const line of reserved) {
        await sql(
          tx,
          `INSERT INTO stock_reservation_lines (order_id, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)`,
          [orderId, line.productId, line.quantity, line.unitPriceCents],
        );
      }
      return { status: 'RESERVED', lines: reserved };
    });
  }

  /** The order is confirmed: the reserved units are sold. Only a RESERVED reservation changes. */
  commit(orderId: string, within?: EntityManager): Promise<ReservationOutcome | null> {
    return this.inTransaction(within, async (tx) => {
      await sql(
        tx,
        `UPDATE stock_reservations SET status = 'COMMITTED', updated_at = now()
         WHERE order_id = $1 AND status = 'RESERVED'`,
        [orderId],
      );
      return this.outcomeOf(tx, orderId);
    });
  }

  /**
   * The order is cancelled: reserved units become available again, once. Releasing an order
   * that has no reservation yet leaves a tombstone, so a late reserve for it takes nothing.
   */
  release(orderId: string, within?: EntityManager): Promise<ReservationOutcome> {
    return this.inTransaction(within, async (tx) => {
      const released = await sql(
        tx,
        `UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
         WHERE order_id = $1 AND status = 'RESERVED' RETURNING order_id`,
        [orderId],
      );
      if (released.length > 0) {
        await sql(
          tx,
          `UPDATE products p SET stock = p.stock + l.quantity, updated_at = now()
           FROM stock_reservation_lines l WHERE l.order_id = $1 AND p.id = l.product_id`,
          [orderId],
        );
      } else {
        await sql(
          tx,
          `INSERT INTO stock_reservations (order_id, status) VALUES ($1, 'RELEASED') ON CONFLICT (order_id) DO NOTHING`,
          [orderId],
        );
      }
      return (await this.outcomeOf(tx, orderId)) as ReservationOutcome;
    });
  }

  /** Runs in the caller's transaction (a consumer's, with its inbox row) or in a new one. */
  private inTransaction<T>(
    within: EntityManager | undefined,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return within ? work(within) : this.db.transaction(work);
  }

  private async rejectionReason(tx: EntityManager, productId: string): Promise<RejectionReason> {
    if (!isUuid(productId)) return 'UNKNOWN_PRODUCT';
    const exists = await sql(tx, 'SELECT 1 FROM products WHERE id = $1', [productId]);
    return exists.length > 0 ? 'OUT_OF_STOCK' : 'UNKNOWN_PRODUCT';
  }

  private async outcomeOf(tx: EntityManager, orderId: string): Promise<ReservationOutcome | null> {
    const rows: ReservationRow[] = await sql(
      tx,
      'SELECT status, reason FROM stock_reservations WHERE order_id = $1',
      [orderId],
    );
    if (rows.length === 0) return null;
    const { status, reason } = rows[0];
    if (status === 'REJECTED') return { status, reason: reason ?? 'OUT_OF_STOCK' };
    if (status === 'RELEASED') return { status };
    const lines: { product_id: string; quantity: number; unit_price_cents: number }[] = await sql(
      tx,
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
