import type { BackendServiceConfig } from '@shop/platform/config';
import type { EntitySchema, MixedList } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/**
 * Connection options of a service's own database: explicit pool size and statement timeout,
 * committed migrations only (never `synchronize`), migrations run by an explicit step.
 */
export function postgresOptions(
  config: BackendServiceConfig,
  schema: SchemaDefinition,
  applicationName: string,
): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    host: config.DB_HOST,
    port: config.DB_PORT,
    database: config.DB_NAME,
    username: config.DB_USER,
    password: config.DB_PASSWORD,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName,
    poolSize: config.DB_POOL_SIZE,
    connectTimeoutMS: 5_000,
    extra: {
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DB_STATEMENT_TIMEOUT_MS * 2,
      connectionTimeoutMillis: 5_000,
    },
  };
}
