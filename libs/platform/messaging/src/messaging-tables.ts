import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox every service keeps in its own database. Each service's migration that
 * introduces messaging calls these (the tables are the platform's; the migration is the service's).
 */
export async function createMessagingTables(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE outbox (
      seq          bigserial    PRIMARY KEY,
      event_id     uuid         NOT NULL UNIQUE,
      topic        varchar(200) NOT NULL,
      message_key  varchar(200) NOT NULL,
      envelope     jsonb        NOT NULL,
      headers      jsonb        NOT NULL DEFAULT '{}',
      created_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
      published_at timestamptz  NULL
    )`);
  await db.query(`CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL`);
  await db.query(`
    CREATE TABLE inbox (
      consumer     varchar(100) NOT NULL,
      event_id     uuid         NOT NULL,
      event_type   varchar(100) NOT NULL,
      processed_at timestamptz  NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE inbox`);
  await db.query(`DROP TABLE outbox`);
}

/**
 * What the relay and retention need on top of `createMessagingTables` (a later migration of each
 * service calls it; the first one stays as it was):
 * - `attempts`, `last_error`, `next_attempt_at`: a row the broker refuses is recorded and backed
 *   off instead of blocking every other aggregate (its own later events wait behind it);
 * - indexes for "unpublished rows of one aggregate" and for deleting old rows in small batches.
 */
export async function addOutboxDeliveryTracking(db: QueryRunner): Promise<void> {
  await db.query(`
    ALTER TABLE outbox
      ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
      ADD COLUMN last_error      text        NULL,
      ADD COLUMN next_attempt_at timestamptz NULL`);
  await db.query(
    `CREATE INDEX outbox_unpublished_key_idx ON outbox (message_key, seq) WHERE published_at IS NULL`,
  );
  await db.query(
    `CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL`,
  );
  await db.query(`CREATE INDEX inbox_processed_at_idx ON inbox (processed_at)`);
}

export async function dropOutboxDeliveryTracking(db: QueryRunner): Promise<void> {
  await db.query(`DROP INDEX inbox_processed_at_idx`);
  await db.query(`DROP INDEX outbox_published_at_idx`);
  await db.query(`DROP INDEX outbox_unpublished_key_idx`);
  await db.query(
    `ALTER TABLE outbox DROP COLUMN attempts, DROP COLUMN last_error, DROP COLUMN next_attempt_at`,
  );
}
