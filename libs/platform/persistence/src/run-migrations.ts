import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { DataSource, type Migration } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

/** One lock id for "schema migration" in every service's own database. */
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies pending migrations under a Postgres advisory lock, so replicas starting together
 * (`docker compose up --scale svc=3`) apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Errors that mean "the database is not up yet", worth waiting out when a service starts with
 * (or before) its database: refused or unresolvable while the server or its container starts,
 * and Postgres' own "starting up" (57P03). A wrong password or a missing database is not one.
 */
export function isDatabaseStarting(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P03'].includes(code)
  );
}

/** How long a starting service waits for its database: 250 ms, then up to 2 s apart, ~60 s. */
const WAIT_FOR_DATABASE = { initialDelay: 250, maxDelay: 2_000, maxAttempts: 35 } as const;

/**
 * Connects, waiting while the database is still starting (so a service needs no start order:
 * compose, Swarm and Kubernetes start it with its database, or before it), then migrates and
 * disconnects: the body of a service's `migrate` command and of `serve`'s first step.
 */
export async function migrateDatabase(
  options: PostgresDataSourceOptions,
  log: (line: string) => void,
): Promise<void> {
  const { initialDelay, maxDelay, maxAttempts } = WAIT_FOR_DATABASE;
  const policy = retry(handleWhen(isDatabaseStarting), {
    maxAttempts,
    backoff: new ExponentialBackoff({ initialDelay, maxDelay }),
  });
  policy.onRetry((event) => {
    if ('error' in event) log(`waiting for the database: ${(event.error as Error).message}`);
  });
  const dataSource = await policy.execute(async () => {
    const attempt = new DataSource({ ...options, poolSize: 2 });
    await attempt.initialize();
    return attempt;
  });
  try {
    const applied = await runMigrations(dataSource);
    log(
      applied.length === 0
        ? 'database schema is up to date'
        : `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}
