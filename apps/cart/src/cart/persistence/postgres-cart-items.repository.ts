import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CART_MAX_LINES, type CartItemView, type OrderLine } from '@shop/contracts';
import { sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { CartItemsRepository } from '../application/cart-items.repository';

interface ItemRow {
  product_id: string;
  name: string;
  quantity: number;
  unit_price_cents: number;
}

/** A cart is the set of a user's lines; every query is scoped by the caller's user id. */
@Injectable()
export class PostgresCartItemsRepository implements CartItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string): Promise<CartItemView[]> {
    const rows: ItemRow[] = await sql(
      this.db,
      `SELECT product_id, name, quantity, unit_price_cents FROM cart_items
       WHERE user_id = $1 ORDER BY added_at, product_id`,
      [userId],
    );
    return rows.map((row) => ({
      productId: row.product_id,
      name: row.name,
      quantity: row.quantity,
      unitPriceCents: row.unit_price_cents,
    }));
  }

  /**
   * Adds the line or updates its quantity and price snapshot. Refuses (false) a new line when
   * the cart already holds the maximum number of products. A line put again is no longer the
   * one a checkout took: it stays in the cart whatever becomes of that checkout's order.
   */
  async upsert(userId: string, item: CartItemView): Promise<boolean> {
    const rows = await sql(
      this.db,
      `INSERT INTO cart_items (user_id, product_id, name, quantity, unit_price_cents)
       SELECT $1, $2, $3, $4, $5
       WHERE EXISTS (SELECT 1 FROM cart_items WHERE user_id = $1 AND product_id = $2)
          OR (SELECT count(*) FROM cart_items WHERE user_id = $1) < $6
       ON CONFLICT (user_id, product_id) DO UPDATE
         SET name = EXCLUDED.name, quantity = EXCLUDED.quantity,
             unit_price_cents = EXCLUDED.unit_price_cents, checkout_order_id = NULL,
             updated_at = now()
       RETURNING product_id`,
      [userId, item.productId, item.name, item.quantity, item.unitPriceCents, CART_MAX_LINES],
    );
    return rows.length > 0;
  }

  /**
   * Records that checkout placed `orderId` with these lines: each line still as it was sent
   * (same product and quantity) now belongs to that order, also when an earlier checkout held
   * it (the newest checkout owns the lines). A line changed meanwhile is left out.
   */
  async markCheckedOut(
    userId: string,
    orderId: string,
    lines: readonly OrderLine[],
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE cart_items c SET checkout_order_id = $2
       FROM unnest($3::text[], $4::int[]) AS taken(product_id, quantity)
       WHERE c.user_id = $1 AND c.product_id::text = taken.product_id
         AND c.quantity = taken.quantity`,
      [userId, orderId, lines.map((l) => l.productId), lines.map((l) => l.quantity)],
    );
  }

  /**
   * Removes the lines the checkout of `orderId` took and that are still as they were taken
   * (inside the consumer's transaction). An order the cart did not place removes nothing.
   */
  async removeCheckedOut(
    tx: Transaction,
    userId: string,
    orderId: string,
    ordered: readonly OrderLine[],
  ): Promise<void> {
    await sql(
      managerOf(tx),
      `DELETE FROM cart_items c
       USING unnest($3::text[], $4::int[]) AS ordered(product_id, quantity)
       WHERE c.user_id = $1 AND c.checkout_order_id = $2
         AND c.product_id::text = ordered.product_id AND c.quantity = ordered.quantity`,
      [userId, orderId, ordered.map((l) => l.productId), ordered.map((l) => l.quantity)],
    );
  }

  async remove(userId: string, productId: string): Promise<void> {
    await sql(this.db, 'DELETE FROM cart_items WHERE user_id = $1 AND product_id::text = $2', [
      userId,
      productId,
    ]);
  }
}
