import { createDatabase, type TestDatabase } from '../postgres.container';

/** Inside a test worker: the shared containers started by the global setup. */
export function sharedPostgres() {
  return {
    host: required('TEST_PG_HOST'),
    port: Number(required('TEST_PG_PORT')),
    user: required('TEST_PG_USER'),
    password: required('TEST_PG_PASSWORD'),
  };
}

export function sharedKafkaBrokers(): string[] {
  return required('TEST_KAFKA_BROKERS').split(',');
}

/** A fresh database on the shared server, plus service env pointing at it and at Kafka. */
export async function serviceEnv(
  service: string,
): Promise<{ env: Record<string, string>; database: TestDatabase }> {
  const database = await createDatabase(sharedPostgres(), service);
  return {
    database,
    env: {
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_NAME: database.name,
      DB_USER: database.user,
      DB_PASSWORD: database.password,
      KAFKA_BROKERS: sharedKafkaBrokers().join(','),
      LOG_LEVEL: 'warn',
    },
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run integration tests through jest.integration.config.js`);
  return value;
}
