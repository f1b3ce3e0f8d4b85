import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@shop/platform/messaging';

/** The transactional outbox and the inbox (libs/platform/messaging). */
export class CreateMessaging1764300000000 implements MigrationInterface {
  name = 'CreateMessaging1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await createMessagingTables(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropMessagingTables(db);
  }
}
