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
