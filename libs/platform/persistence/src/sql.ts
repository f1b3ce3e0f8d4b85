import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs one SQL statement and returns its rows, whatever the statement (TypeORM's `query()`
 * returns `[rows, count]` for UPDATE/DELETE on Postgres, plain rows otherwise). Inside a
 * transaction pass the transaction's manager, so the statement runs on its connection.
 */
export async function sql<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const own = db instanceof DataSource ? db.createQueryRunner() : undefined;
  const runner = own ?? (db as EntityManager).queryRunner;
  if (!runner) {
    const onFresh = (db as EntityManager).dataSource.createQueryRunner();
    try {
      return (await onFresh.query(text, params, true)).records as T[];
    } finally {
      await onFresh.release();
    }
  }
  try {
    return (await runner.query(text, params, true)).records as T[];
  } finally {
    await own?.release();
  }
}
