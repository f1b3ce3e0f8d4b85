import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel every committed change of a product row is announced on (payload: its id). */
export const PRODUCT_CHANGES_CHANNEL = 'products_changed';

/**
 * Every insert, update or delete of a product row is announced on a Postgres channel when its
 * transaction commits (NOTIFY is transactional), whoever wrote it: the admin API, a stock
 * reservation or release, or a person at psql. Each catalog replica listens and drops its cached
 * copy of that product (products/persistence/product-read-cache.ts).
 */
export class NotifyProductChanges1764900000000 implements MigrationInterface {
  name = 'NotifyProductChanges1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('${PRODUCT_CHANGES_CHANNEL}', OLD.id::text);
        ELSE
          PERFORM pg_notify('${PRODUCT_CHANGES_CHANNEL}', NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE ON products
      FOR EACH ROW EXECUTE FUNCTION notify_product_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER products_changed ON products`);
    await db.query(`DROP FUNCTION notify_product_changed()`);
  }
}
