import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_PRODUCTS } from '../seed-products';

export class SeedProducts1764115200001 implements MigrationInterface {
  name = 'SeedProducts1764115200001';

  async up(db: QueryRunner): Promise<void> {
    for (const p of SEED_PRODUCTS) {
      await db.query(
        `INSERT INTO products (id, sku, name, description, category, price_cents, currency, stock)
         VALUES ($1, $2, $3, $4, $5, $6, 'USD', $7)
         ON CONFLICT (sku) DO NOTHING`,
        [p.id, p.sku, p.name, p.description, p.category, p.priceCents, p.stock],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM products WHERE sku = ANY($1)`, [SEED_PRODUCTS.map((p) => p.sku)]);
  }
}
