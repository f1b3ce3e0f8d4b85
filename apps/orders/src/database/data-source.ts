import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { OrdersConfig } from '../config/orders.config';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { CreateOrders1764400000000 } from './migrations/1764400000000-create-orders';

/** Orders's database: its entities and its committed migrations, in order. */
export function ordersDataSourceOptions(config: OrdersConfig): PostgresConnectionOptions {
  return postgresOptions(
    config,
    { entities: [], migrations: [CreateMessaging1764300000000, CreateOrders1764400000000] },
    'orders',
  );
}
