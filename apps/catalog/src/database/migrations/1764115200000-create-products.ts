import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1764115200000 implements MigrationInterface {
  name = 'CreateProducts1764115200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE products (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku         varchar(64)  NOT NULL,
        name        varchar(200) NOT NULL,
        description text         NOT NULL DEFAULT '',
        category    varchar(50)  NOT NULL,
        price_cents integer      NOT NULL CHECK (price_cents >= 0),
        currency    char(3)      NOT NULL DEFAULT 'USD',
        stock       integer      NOT NULL CHECK (stock >= 0),
        search      tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', name), 'A') ||
                      setweight(to_tsvector('english', description), 'B')
                    ) STORED,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        updated_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT products_sku_key UNIQUE (sku)
      )`);
    await db.query(`CREATE INDEX products_search_idx ON products USING gin (search)`);
    await db.query(`CREATE INDEX products_category_name_idx ON products (category, name, id)`);
    await db.query(`CREATE INDEX products_name_idx ON products (name, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE products`);
  }
}
