import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1764400000000 implements MigrationInterface {
  name = 'CreateOrders1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orders (
        id              uuid         PRIMARY KEY,
        user_id         uuid         NOT NULL,
        status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
        saga_step       varchar(24)  NOT NULL CHECK (saga_step IN ('AWAITING_STOCK', 'AWAITING_PAYMENT', 'DONE')),
        cancel_reason   varchar(32)  NULL,
        items           jsonb        NOT NULL,
        total_cents     integer      NULL CHECK (total_cents >= 0),
        currency        char(3)      NOT NULL DEFAULT 'USD',
        card            jsonb        NOT NULL,
        idempotency_key varchar(100) NOT NULL,
        request_hash    char(64)     NOT NULL,
        created_at      timestamptz  NOT NULL DEFAULT clock_timestamp(),
        updated_at      timestamptz  NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT orders_idempotency_key UNIQUE (user_id, idempotency_key)
      )`);
    await db.query(`CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orders`);
  }
}
