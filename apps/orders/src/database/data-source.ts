import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { OrdersConfig } from '../config/orders.config';

/** Orders's database: its entities and its committed migrations, in order. */
export function ordersDataSourceOptions(config: OrdersConfig): PostgresConnectionOptions {
  return postgresOptions(config, { entities: [], migrations: [] }, 'orders');
}
