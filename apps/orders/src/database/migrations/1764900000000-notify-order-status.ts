import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel every committed status change of an order is announced on (payload: its id). */
export const ORDER_STATUS_CHANNEL = 'order_status_changed';

/**
 * An order's status change is announced on a Postgres channel when its transaction commits
 * (NOTIFY is transactional), whichever replica ran the saga step or the deadline sweep. The
 * replicas serving that order's event stream (GET /orders/:id/events) push it at once instead of
 * polling (orders/application/order-events.stream.ts).
 */
export class NotifyOrderStatus1764900000000 implements MigrationInterface {
  name = 'NotifyOrderStatus1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_order_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${ORDER_STATUS_CHANNEL}', NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER order_status_changed AFTER UPDATE OF status ON orders
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION notify_order_status_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER order_status_changed ON orders`);
    await db.query(`DROP FUNCTION notify_order_status_changed()`);
  }
}
