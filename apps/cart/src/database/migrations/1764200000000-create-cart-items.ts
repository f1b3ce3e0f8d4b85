import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCartItems1764200000000 implements MigrationInterface {
  name = 'CreateCartItems1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cart_items (
        user_id          uuid         NOT NULL,
        product_id       uuid         NOT NULL,
        name             varchar(200) NOT NULL,
        quantity         integer      NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        unit_price_cents integer      NOT NULL CHECK (unit_price_cents >= 0),
        currency         char(3)      NOT NULL DEFAULT 'USD',
        added_at         timestamptz  NOT NULL DEFAULT now(),
        updated_at       timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, product_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cart_items`);
  }
}
