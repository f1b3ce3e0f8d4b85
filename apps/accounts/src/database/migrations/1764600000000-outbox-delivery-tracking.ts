import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxDeliveryTracking, dropOutboxDeliveryTracking } from '@shop/platform/messaging';

/** Outbox rows record failed publications (attempts, back-off); indexes for retention. */
export class OutboxDeliveryTracking1764600000000 implements MigrationInterface {
  name = 'OutboxDeliveryTracking1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await addOutboxDeliveryTracking(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropOutboxDeliveryTracking(db);
  }
}
