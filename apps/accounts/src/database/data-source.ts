import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { AccountsConfig } from '../config/accounts.config';
import { CreateUsers1764200000000 } from './migrations/1764200000000-create-users';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { OutboxDeliveryTracking1764600000000 } from './migrations/1764600000000-outbox-delivery-tracking';

/** Accounts' database: its committed migrations, in order (queries are plain SQL). */
export function accountsDataSourceOptions(config: AccountsConfig): PostgresDataSourceOptions {
  return postgresOptions(
    config,
    {
      entities: [],
      migrations: [
        CreateUsers1764200000000,
        CreateMessaging1764300000000,
        OutboxDeliveryTracking1764600000000,
      ],
    },
    'accounts',
  );
}
