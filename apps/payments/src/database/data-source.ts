import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { PaymentsConfig } from '../config/payments.config';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { CreatePayments1764400000000 } from './migrations/1764400000000-create-payments';
import { ExactMoney1764500000000 } from './migrations/1764500000000-exact-money';
import { OutboxDeliveryTracking1764600000000 } from './migrations/1764600000000-outbox-delivery-tracking';

/** Payments's database: its entities and its committed migrations, in order. */
export function paymentsDataSourceOptions(config: PaymentsConfig): PostgresDataSourceOptions {
  return postgresOptions(
    config,
    {
      entities: [],
      migrations: [
        CreateMessaging1764300000000,
        CreatePayments1764400000000,
        ExactMoney1764500000000,
        OutboxDeliveryTracking1764600000000,
      ],
    },
    'payments',
  );
}
