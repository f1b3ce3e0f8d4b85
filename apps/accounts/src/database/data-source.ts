import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { AccountsConfig } from '../config/accounts.config';

/** Accounts's database: its entities and its committed migrations, in order. */
export function accountsDataSourceOptions(config: AccountsConfig): PostgresConnectionOptions {
  return postgresOptions(config, { entities: [], migrations: [] }, 'accounts');
}
