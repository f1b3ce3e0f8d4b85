import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { imageFor } from './images';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly container: StartedTestContainer;
}

export const TEST_LABEL = { 'dev.shop.test': 'true' };

/** A real Postgres server (the compose image), data on tmpfs for speed. */
export async function startPostgres(): Promise<PostgresServer> {
  const user = 'postgres';
  const password = 'test-password';
  const container = await new GenericContainer(imageFor('POSTGRES_IMAGE'))
    .withEnvironment({ POSTGRES_USER: user, POSTGRES_PASSWORD: password })
    .withCommand(['postgres', '-c', 'max_connections=300', '-c', 'fsync=off'])
    .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
    .withExposedPorts(5432)
    .withLabels(TEST_LABEL)
    .withWaitStrategy(Wait.forSuccessfulCommand(`pg_isready -h 127.0.0.1 -p 5432 -U ${user}`))
    .withStartupTimeout(120_000)
    .start();
  return {
    host: container.getHost(),
    port: container.getMappedPort(5432),
    user,
    password,
    container,
  };
}

export interface TestDatabase {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly user: string;
  readonly password: string;
}

/** A fresh database with its own owner, as compose makes one per service. */
export async function createDatabase(
  server: Omit<PostgresServer, 'container'>,
  prefix: string,
): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `${prefix}_${suffix}`;
  const password = `pw_${suffix}`;
  const admin = new Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE USER ${name} PASSWORD '${password}'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${name}`);
  } finally {
    await admin.end();
  }
  return { host: server.host, port: server.port, name, user: name, password };
}

/** One query against a test database, on a connection of its own (for assertions on stored state). */
export async function queryDatabase<T>(
  database: TestDatabase,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({
    host: database.host,
    port: database.port,
    user: database.user,
    password: database.password,
    database: database.name,
  });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
