import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Amounts exact for every order the contract allows (up to 5 * 10^11 cents, past 32 bits). */
export class ExactMoney1764500000000 implements MigrationInterface {
  name = 'ExactMoney1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments ALTER COLUMN amount_cents TYPE bigint`);
    await db.query(`ALTER TABLE ledger_entries ALTER COLUMN amount_cents TYPE bigint`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ledger_entries ALTER COLUMN amount_cents TYPE integer`);
    await db.query(`ALTER TABLE payments ALTER COLUMN amount_cents TYPE integer`);
  }
}
