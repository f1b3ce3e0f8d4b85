import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { CartConfig } from '../config/cart.config';

/** Cart's database: its entities and its committed migrations, in order. */
export function cartDataSourceOptions(config: CartConfig): PostgresConnectionOptions {
  return postgresOptions(config, { entities: [], migrations: [] }, 'cart');
}
