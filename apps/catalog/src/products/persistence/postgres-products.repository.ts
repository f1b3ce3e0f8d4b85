import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid, type ProductView } from '@shop/contracts';
import { sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { ProductStock } from '../../inventory/application/product-stock';
import type { ReservationLine, ReservedLine } from '../../inventory/domain/reservation';
import { ProductsRepository, type ProductSearch } from '../application/products.repository';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price_cents: number;
  currency: string;
  stock: number;
  total?: string;
}

const COLUMNS = 'id, sku, name, description, category, price_cents, currency, stock';

/**
 * The products table, and its only writer: catalog reads (one round trip per page, rows and
 * total together; indexes for every filter), products created and stock set by admins, and stock
 * taken and put back by inventory's reservations.
 */
@Injectable()
export class PostgresProductsRepository implements ProductsRepository, ProductStock {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search({
    q,
    category,
    limit,
    offset,
  }: ProductSearch): Promise<{ items: ProductView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    let rank = '';
    if (q) {
      params.push(q);
      where.push(`search @@ websearch_to_tsquery('english', $${params.length})`);
      rank = `ts_rank(search, websearch_to_tsquery('english', $${params.length})) DESC, `;
    }
    if (category) {
      params.push(category.toLowerCase());
      where.push(`category = $${params.length}`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    params.push(limit, offset);
    const rows: ProductRow[] = await sql(
      this.db,
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM products ${filter}
       ORDER BY ${rank}name, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    if (rows.length > 0 || offset === 0) {
      return { items: rows.map(toView), total: rows.length > 0 ? Number(rows[0].total) : 0 };
    }
    // Past the last page: the window count saw no rows, so count separately.
    const [{ count }] = await sql<{ count: number }>(
      this.db,
      `SELECT count(*)::int AS count FROM products ${filter}`,
      params.slice(0, -2),
    );
    return { items: [], total: count };
  }

  /** Inserts a product; null when the SKU is taken. */
  async insert(product: Omit<ProductView, 'id'>): Promise<ProductView | null> {
    const rows: ProductRow[] = await sql(
      this.db,
      `INSERT INTO products (sku, name, description, category, price_cents, currency, stock)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sku) DO NOTHING RETURNING ${COLUMNS}`,
      [
        product.sku,
        product.name,
        product.description,
        product.category,
        product.priceCents,
        product.currency,
        product.stock,
      ],
    );
    return rows.length > 0 ? toView(rows[0]) : null;
  }

  /** Sets the available quantity; null when there is no such product. */
  async setStock(id: string, stock: number): Promise<ProductView | null> {
    const rows: ProductRow[] = await sql(
      this.db,
      `UPDATE products SET stock = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, stock],
    );
    return rows.length > 0 ? toView(rows[0]) : null;
  }

  async findById(id: string): Promise<ProductView | null> {
    const rows: ProductRow[] = await sql(this.db, `SELECT ${COLUMNS} FROM products WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0 ? toView(rows[0]) : null;
  }

  async take(
    tx: Transaction,
    lines: readonly ReservationLine[],
  ): Promise<{ taken: ReservedLine[] } | { short: string }> {
    await sql(managerOf(tx), 'SAVEPOINT take_stock');
    const taken: ReservedLine[] = [];
    for (const line of lines) {
      const rows: { price_cents: number }[] = isUuid(line.productId)
        ? await sql(
            managerOf(tx),
            `UPDATE products SET stock = stock - $2, updated_at = now()
             WHERE id = $1 AND stock >= $2 RETURNING price_cents`,
            [line.productId, line.quantity],
          )
        : [];
      if (rows.length === 0) {
        await sql(managerOf(tx), 'ROLLBACK TO SAVEPOINT take_stock');
        return { short: line.productId };
      }
      taken.push({ ...line, unitPriceCents: rows[0].price_cents });
    }
    return { taken };
  }

  async putBack(tx: Transaction, lines: readonly ReservationLine[]): Promise<void> {
    await sql(
      managerOf(tx),
      `UPDATE products p SET stock = p.stock + l.quantity, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS l(product_id, quantity) WHERE p.id = l.product_id`,
      [lines.map((l) => l.productId), lines.map((l) => l.quantity)],
    );
  }

  async exists(tx: Transaction, productId: string): Promise<boolean> {
    const rows = await sql(managerOf(tx), 'SELECT 1 FROM products WHERE id = $1', [productId]);
    return rows.length > 0;
  }
}

function toView(row: ProductRow): ProductView {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    priceCents: row.price_cents,
    currency: row.currency,
    stock: row.stock,
  };
}
