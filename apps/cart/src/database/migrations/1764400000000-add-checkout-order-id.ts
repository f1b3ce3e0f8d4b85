import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which order a cart line went into: set by checkout for the lines it took, cleared whenever the
 * line is changed or re-added. `OrderConfirmed` removes exactly the lines still carrying its
 * order id, so an order placed elsewhere (POST /api/orders), or a line touched after checkout,
 * leaves the cart alone.
 */
export class AddCheckoutOrderId1764400000000 implements MigrationInterface {
  name = 'AddCheckoutOrderId1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cart_items ADD COLUMN checkout_order_id uuid NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cart_items DROP COLUMN checkout_order_id`);
  }
}
