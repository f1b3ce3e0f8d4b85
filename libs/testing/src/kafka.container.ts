import { Kafka, logLevel } from 'kafkajs';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { expectEventually } from './expect-eventually';
import { freePort } from './free-port';
import { imageFor } from './images';
import { TEST_LABEL } from './postgres.container';

export interface KafkaServer {
  readonly brokers: string[];
  readonly container: StartedTestContainer;
}

/**
 * A real single-node KRaft Kafka (the compose image). The host port is chosen first so the
 * broker can advertise the address clients on the host will use.
 */
export async function startKafka(): Promise<KafkaServer> {
  const port = await freePort();
  const container = await new GenericContainer(imageFor('KAFKA_IMAGE'))
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${port},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://localhost:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_HEAP_OPTS: '-Xmx512m -Xms256m',
    })
    .withExposedPorts({ container: port, host: port })
    .withLabels(TEST_LABEL)
    // The port is bound, then the admin client below waits for a working broker. Named, since
    // testcontainers 12 would otherwise wait for an image's own HEALTHCHECK where it has one.
    .withWaitStrategy(Wait.forListeningPorts())
    .withStartupTimeout(120_000)
    .start();
  const brokers = [`localhost:${port}`];
  const admin = new Kafka({
    clientId: 'test-wait',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  await expectEventually(
    async () => {
      await admin.connect();
      await admin.describeCluster();
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  await admin.disconnect();
  return { brokers, container };
}
