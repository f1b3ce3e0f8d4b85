import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money exact for every order the contract allows (up to 5 * 10^11 cents, past a 32-bit
 * integer), the card summary kept only while the order needs it, and an index for the deadline
 * sweep (pending orders by age).
 */
export class ExactMoneyAndDeadline1764500000000 implements MigrationInterface {
  name = 'ExactMoneyAndDeadline1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint`);
    await db.query(`ALTER TABLE orders ALTER COLUMN card DROP NOT NULL`);
    await db.query(`UPDATE orders SET card = NULL WHERE status <> 'PENDING'`);
    await db.query(
      `CREATE INDEX orders_pending_created_idx ON orders (created_at) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX orders_pending_created_idx`);
    await db.query(`UPDATE orders SET card = '{}'::jsonb WHERE card IS NULL`);
    await db.query(`ALTER TABLE orders ALTER COLUMN card SET NOT NULL`);
    await db.query(`ALTER TABLE orders ALTER COLUMN total_cents TYPE integer`);
  }
}
