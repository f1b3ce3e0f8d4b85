import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockReservations1764200000000 implements MigrationInterface {
  name = 'CreateStockReservations1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stock_reservations (
        order_id   uuid        PRIMARY KEY,
        status     varchar(16) NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED')),
        reason     varchar(32) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE stock_reservation_lines (
        order_id         uuid    NOT NULL REFERENCES stock_reservations (order_id) ON DELETE CASCADE,
        product_id       uuid    NOT NULL REFERENCES products (id),
        quantity         integer NOT NULL CHECK (quantity > 0),
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (order_id, product_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stock_reservation_lines`);
    await db.query(`DROP TABLE stock_reservations`);
  }
}
