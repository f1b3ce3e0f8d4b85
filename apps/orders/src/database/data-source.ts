import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { OrdersConfig } from '../config/orders.config';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { CreateOrders1764400000000 } from './migrations/1764400000000-create-orders';
import { ExactMoneyAndDeadline1764500000000 } from './migrations/1764500000000-exact-money-and-deadline';
import { OutboxDeliveryTracking1764600000000 } from './migrations/1764600000000-outbox-delivery-tracking';
import { NotifyOrderStatus1764900000000 } from './migrations/1764900000000-notify-order-status';

/** Orders's database: its entities and its committed migrations, in order. */
export function ordersDataSourceOptions(config: OrdersConfig): PostgresDataSourceOptions {
  return postgresOptions(
    config,
    {
      entities: [],
      migrations: [
        CreateMessaging1764300000000,
        CreateOrders1764400000000,
        ExactMoneyAndDeadline1764500000000,
        OutboxDeliveryTracking1764600000000,
        NotifyOrderStatus1764900000000,
      ],
    },
    'orders',
  );
}
