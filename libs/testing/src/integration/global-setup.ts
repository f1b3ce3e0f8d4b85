import { startKafka } from '../kafka.container';
import { startPostgres } from '../postgres.container';
import { sharedInfra } from './shared-infra';

/** Starts one Postgres and one Kafka for all integration suites; workers read them from env. */
export default async function globalSetup(): Promise<void> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  const started = Date.now();
  process.stdout.write('\n[integration] starting Postgres and Kafka containers...\n');
  const [postgres, kafka] = await Promise.all([startPostgres(), startKafka()]);
  sharedInfra.containers = [postgres.container, kafka.container];
  process.env['TEST_PG_HOST'] = postgres.host;
  process.env['TEST_PG_PORT'] = String(postgres.port);
  process.env['TEST_PG_USER'] = postgres.user;
  process.env['TEST_PG_PASSWORD'] = postgres.password;
  process.env['TEST_KAFKA_BROKERS'] = kafka.brokers.join(',');
  process.stdout.write(
    `[integration] containers ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
