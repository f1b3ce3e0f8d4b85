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

/** Connects, migrates, disconnects: the body of a service's `migrate` command. */
export async function migrateDatabase(
  options: PostgresDataSourceOptions,
  log: (line: string) => void,
): Promise<void> {
  const dataSource = new DataSource({ ...options, poolSize: 2 });
  await dataSource.initialize();
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
