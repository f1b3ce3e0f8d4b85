import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PaymentsConfig } from '../config/payments.config';

/** Payments's database: its entities and its committed migrations, in order. */
export function paymentsDataSourceOptions(config: PaymentsConfig): PostgresConnectionOptions {
  return postgresOptions(config, { entities: [], migrations: [] }, 'payments');
}
