import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CART_MAX_LINES, type CartItemView } from '@shop/contracts';
import { sql } from '@shop/platform/persistence';

interface ItemRow {
  product_id: string;
  name: string;
  quantity: number;
  unit_price_cents: number;
}

/** A cart is the set of a user's lines; every query is scoped by the caller's user id. */
@Injectable()
export class CartItemsRepository {
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
   * the cart already holds the maximum number of products.
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
             unit_price_cents = EXCLUDED.unit_price_cents, updated_at = now()
       RETURNING product_id`,
      [userId, item.productId, item.name, item.quantity, item.unitPriceCents, CART_MAX_LINES],
    );
    return rows.length > 0;
  }

  /** Removes the ordered products from the user's cart (inside the consumer's transaction). */
  async removeOrdered(tx: EntityManager, userId: string, productIds: string[]): Promise<void> {
    await sql(
      tx,
      'DELETE FROM cart_items WHERE user_id = $1 AND product_id::text = ANY($2::text[])',
      [userId, productIds],
    );
  }

  async remove(userId: string, productId: string): Promise<void> {
    await sql(this.db, 'DELETE FROM cart_items WHERE user_id = $1 AND product_id::text = $2', [
      userId,
      productId,
    ]);
  }
}
