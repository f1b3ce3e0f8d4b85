import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764200000000 implements MigrationInterface {
  name = 'CreateUsers1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         varchar(254) NOT NULL,
        name          varchar(100) NOT NULL,
        password_hash text         NOT NULL,
        roles         text[]       NOT NULL DEFAULT '{}',
        created_at    timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower CHECK (email = lower(email))
      )`);
    await db.query(`
      CREATE TABLE signing_keys (
        kid         varchar(64) PRIMARY KEY,
        public_jwk  jsonb       NOT NULL,
        private_jwk jsonb       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE signing_keys`);
    await db.query(`DROP TABLE users`);
  }
}
