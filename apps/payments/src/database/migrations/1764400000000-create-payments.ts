import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1764400000000 implements MigrationInterface {
  name = 'CreatePayments1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments (
        id             uuid        PRIMARY KEY,
        order_id       uuid        NOT NULL,
        user_id        uuid        NOT NULL,
        amount_cents   integer     NOT NULL CHECK (amount_cents >= 0),
        currency       char(3)     NOT NULL,
        status         varchar(16) NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'REFUNDED')),
        decline_reason varchar(32) NULL,
        card_last4     char(4)     NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- One payment per order: at most one authorization, whatever is redelivered.
        CONSTRAINT payments_order_key UNIQUE (order_id)
      )`);
    await db.query(`CREATE INDEX payments_user_idx ON payments (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE ledger_entries (
        id           bigserial   PRIMARY KEY,
        payment_id   uuid        NOT NULL REFERENCES payments (id),
        kind         varchar(16) NOT NULL CHECK (kind IN ('AUTHORIZATION', 'REFUND')),
        amount_cents integer     NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ledger_once UNIQUE (payment_id, kind)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_entries`);
    await db.query(`DROP TABLE payments`);
  }
}
