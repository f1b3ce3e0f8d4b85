import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Consumer } from 'kafkajs';
import { deadLetterTopic, defineEvent, type TopicName } from '@shop/contracts';
import { migrateDatabase, postgresOptions, sql } from '@shop/platform/persistence';
import { loadConfig, BackendServiceConfig } from '@shop/platform/config';
import {
  queryDatabase,
  expectEventually,
  serviceEnv,
  sharedKafkaBrokers,
  type TestDatabase,
} from '@shop/testing';
import { ConsumerHealthIndicator } from './consumer.health';
import { DeadLetters } from './dead-letters';
import { EventConsumer } from './event-consumer';
import { KafkaModule } from './kafka.module';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { TopicProvisioner } from './topic-provisioner';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxDeliveryTracking, createMessagingTables } from './messaging-tables';

const TOPIC = `test.messaging.${Date.now()}.v1` as TopicName;

class TestSchema1700000000000 implements MigrationInterface {
  name = 'TestSchema1700000000000';
  async up(db: QueryRunner): Promise<void> {
    await createMessagingTables(db);
    await addOutboxDeliveryTracking(db);
    await db.query('CREATE TABLE effects (name text PRIMARY KEY, applied integer NOT NULL)');
  }
  async down(): Promise<void> {
    // The test database is thrown away.
  }
}

/** A test event, declared like the system's own (libs/contracts), consumed by `group`. */
const thingHappenedContract = (group: string) =>
  defineEvent({
    type: 'ThingHappened',
    version: 1,
    topic: TOPIC,
    producer: group,
    consumers: [group],
    summary: 'A thing happened (test event).',
    payload: z.object({ name: z.string(), poison: z.boolean() }),
  });

/** Fails (not transiently) while `broken` names the thing: a poison message until fixed. */
const broken = new Set<string>();

@Injectable()
class ThingConsumer {
  constructor(consumer: EventConsumer) {
    consumer.on(thingHappenedContract(consumer.group), async ({ payload, tx }) => {
      if (payload.poison && broken.has(payload.name))
        throw new Error(`cannot handle ${payload.name}`);
      await sql(
        tx,
        `INSERT INTO effects (name, applied) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET applied = effects.applied + 1`,
        [payload.name],
      );
    });
  }
}

function messagingApp(
  config: BackendServiceConfig,
  group: string,
  options: { relay: boolean; consume: boolean; consumerStallMs?: number },
) {
  @Module({
    imports: [
      TypeOrmModule.forRoot(
        postgresOptions(config, { entities: [], migrations: [TestSchema1700000000000] }, group),
      ),
      KafkaModule.forRoot({
        clientId: group,
        brokers: config.KAFKA_BROKERS,
        topics: [TOPIC],
        consumes: options.consume ? [TOPIC] : [],
        partitions: 3,
        replicationFactor: 1,
        relay: options.relay,
        outboxPollMs: 200,
        maxAttempts: 3,
        retryBackoffMs: 20,
        consumerStallMs: options.consumerStallMs,
        eventContracts: [thingHappenedContract(group)],
      }),
    ],
    providers: options.consume ? [ThingConsumer] : [],
  })
  class MessagingTestModule {}
  return NestFactory.createApplicationContext(MessagingTestModule, { logger: ['error'] });
}

/** A raw ThingHappened envelope, as another service's producer would write it. */
const thingHappened = (payload: unknown) => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  version: 1,
  occurredAt: new Date().toISOString(),
  producer: 't',
  correlationId: 'c',
  payload,
});

describe('messaging platform (real Postgres + Kafka)', () => {
  let config: BackendServiceConfig;
  let database: TestDatabase;
  const group = `messaging-test-${Date.now()}`;
  const apps: INestApplicationContext[] = [];
  let reader: Consumer;
  const seen: { eventId: string; key: string; type: string; name: string }[] = [];
  const kafka = new Kafka({
    clientId: 'test-reader',
    brokers: sharedKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    const prepared = await serviceEnv('messaging');
    database = prepared.database;
    config = loadConfig(BackendServiceConfig, prepared.env);
    await migrateDatabase(
      postgresOptions(config, { entities: [], migrations: [TestSchema1700000000000] }, 'migrate'),
      () => undefined,
    );
  });

  afterAll(async () => {
    await reader?.disconnect();
    for (const app of apps) await app.close();
  });

  async function start(
    options: { relay: boolean; consume: boolean; consumerStallMs?: number },
    groupId = group,
  ) {
    const app = await messagingApp(config, groupId, options);
    apps.push(app);
    await app.init();
    return app;
  }

  async function startReader() {
    reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topics: [TOPIC], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}');
        seen.push({
          eventId: envelope.eventId,
          key: message.key?.toString() ?? '',
          type: envelope.type,
          name: envelope.payload?.name,
        });
      },
    });
  }

  const query = <T>(text: string, params: unknown[] = []) =>
    queryDatabase<T>(database, text, params);

  const applied = async (name: string) =>
    (await query<{ applied: number }>('SELECT applied FROM effects WHERE name = $1', [name]))[0]
      ?.applied ?? 0;

  it('the relay publishes what a crash between commit and publish left in the outbox', async () => {
    // A "crashed" process: events committed with the state change, never published.
    const crashed = await start({ relay: false, consume: false });
    const emitted = await crashed.get(OutboxService).transaction(async (_tx, emit) =>
      Promise.all(
        ['a', 'b', 'c'].map((name) =>
          emit({
            topic: TOPIC,
            key: 'one-aggregate',
            type: 'ThingHappened',
            version: 1,
            correlationId: 'c',
            payload: { name: `crash-${name}`, poison: false },
          }),
        ),
      ),
    );
    expect(await query('SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(3);
    await crashed.get(TopicProvisioner).whenReady();
    await startReader();

    // The next process to start recovers them with its poller, in order, once.
    const recovered = await start({ relay: true, consume: false });
    await expectEventually(async () => expect(await recovered.get(OutboxRelay).backlog()).toBe(0));
    await expectEventually(() =>
      expect(seen.map((s) => s.eventId)).toEqual(
        expect.arrayContaining(emitted.map((e) => e.eventId)),
      ),
    );
    // Once each, keyed by the aggregate, in the order they were written.
    const recoveredEvents = seen.filter((s) => emitted.some((e) => e.eventId === s.eventId));
    expect(recoveredEvents.map((s) => s.name)).toEqual(['crash-a', 'crash-b', 'crash-c']);
    expect(new Set(recoveredEvents.map((s) => s.key))).toEqual(new Set(['one-aggregate']));
  });

  it('applies an event once, however often it is delivered', async () => {
    const app = await start({ relay: true, consume: true });
    await app.get(EventConsumer).whenRunning();
    const envelope = {
      eventId: randomUUID(),
      type: 'ThingHappened',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'test',
      correlationId: 'dup',
      payload: { name: 'duplicated', poison: false },
    };
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 3; i++) {
      await producer.send({
        topic: TOPIC,
        messages: [{ key: 'dup', value: JSON.stringify(envelope) }],
      });
    }
    // A different event after the duplicates proves they were all consumed.
    await producer.send({
      topic: TOPIC,
      messages: [
        {
          key: 'dup',
          value: JSON.stringify({
            ...envelope,
            eventId: randomUUID(),
            payload: { name: 'marker', poison: false },
          }),
        },
      ],
    });
    await producer.disconnect();
    await expectEventually(async () => expect(await applied('marker')).toBe(1));
    expect(await applied('duplicated')).toBe(1);
    expect(await query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.eventId])).toHaveLength(
      1,
    );
  });

  it('dead-letters a poison event after bounded attempts, and replays it once fixed', async () => {
    const app = apps[apps.length - 1];
    broken.add('poison-1');
    await app.get(OutboxService).transaction((_tx, emit) =>
      emit({
        topic: TOPIC,
        key: 'p',
        type: 'ThingHappened',
        version: 1,
        correlationId: 'p',
        payload: { name: 'poison-1', poison: true },
      }),
    );
    await app.get(OutboxService).transaction((_tx, emit) =>
      emit({
        topic: TOPIC,
        key: 'p',
        type: 'ThingHappened',
        version: 1,
        correlationId: 'p',
        payload: { name: 'after-poison', poison: false },
      }),
    );
    // The consumer moved on past the poison message...
    await expectEventually(async () => expect(await applied('after-poison')).toBe(1));
    expect(await applied('poison-1')).toBe(0);

    // ...which waits in the group's dead-letter topic with the reason.
    const deadLetters = new DeadLetters(sharedKafkaBrokers(), group);
    expect(await deadLetters.topics()).toEqual([deadLetterTopic(TOPIC, group)]);
    const parked = await expectEventually(async () => {
      const letters = await deadLetters.list();
      expect(letters.some((l) => l.value?.includes('poison-1'))).toBe(true);
      return letters;
    });
    const letter = parked.find((l) => l.value?.includes('poison-1'));
    expect(letter).toMatchObject({
      reason: 'HANDLER_FAILED',
      originalTopic: TOPIC,
      error: 'cannot handle poison-1',
    });
    expect(letter?.headers['x-dlt-attempts']?.toString()).toBe('3');

    broken.delete('poison-1');
    const replayed = await deadLetters.replay();
    expect(replayed.filter((l) => l.value?.includes('poison-1'))).toHaveLength(1);
    await expectEventually(async () => expect(await applied('poison-1')).toBe(1));
    expect(await deadLetters.replay()).toEqual([]);
  });

  it('dead-letters malformed messages at once without stopping the consumer', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ key: 'bad', value: 'this is not json' }] });
    await producer.send({
      topic: TOPIC,
      messages: [
        {
          key: 'bad',
          value: JSON.stringify(thingHappened({ name: 42 })),
        },
      ],
    });
    await producer.send({
      topic: TOPIC,
      messages: [
        {
          key: 'bad',
          value: JSON.stringify(thingHappened({ name: 'after-malformed', poison: false })),
        },
      ],
    });
    await producer.disconnect();
    await expectEventually(async () => expect(await applied('after-malformed')).toBe(1));
    const reasons = await expectEventually(async () => {
      const letters = (await new DeadLetters(sharedKafkaBrokers(), group).list()).map(
        (l) => l.reason,
      );
      expect(letters).toEqual(expect.arrayContaining(['INVALID_ENVELOPE', 'INVALID_PAYLOAD']));
      return letters;
    });
    expect(reasons.filter((r) => r === 'INVALID_ENVELOPE')).toHaveLength(1);
  });

  it('dead-letters an event of a known type in a version it has no handler for', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const future = { ...thingHappened({ name: 'from-the-future', poison: false }), version: 2 };
    const unrelated = { ...thingHappened({ name: 'not-ours' }), type: 'SomethingElseHappened' };
    await producer.send({
      topic: TOPIC,
      messages: [future, unrelated, thingHappened({ name: 'after-v2', poison: false })].map(
        (envelope) => ({ key: 'versions', value: JSON.stringify(envelope) }),
      ),
    });
    await producer.disconnect();
    // The consumer moves on past it...
    await expectEventually(async () => expect(await applied('after-v2')).toBe(1));
    expect(await applied('from-the-future')).toBe(0);
    // ...and parks it with the reason, where a type it does not handle at all is not parked.
    const letters = await expectEventually(async () => {
      const list = await new DeadLetters(sharedKafkaBrokers(), group).list();
      expect(list.some((l) => l.value?.includes(future.eventId))).toBe(true);
      return list;
    });
    expect(letters.find((l) => l.value?.includes(future.eventId))).toMatchObject({
      reason: 'UNKNOWN_VERSION',
      originalTopic: TOPIC,
      error: expect.stringContaining('ThingHappened.v2'),
    });
    expect(letters.some((l) => l.value?.includes(unrelated.eventId))).toBe(false);
  });
  it('readiness tells the truth: a consumer kept out of its group is not ready after the grace, and ready again once it joins', async () => {
    // A member speaking another assignment protocol holds the group: every join of the
    // service's consumer is refused (INCONSISTENT_GROUP_PROTOCOL, which kafkajs does not
    // restart from), so it stays out of the group however often it restarts.
    const otherGroup = `${group}-blocked`;
    const blocker = kafka.consumer({
      groupId: otherGroup,
      partitionAssigners: [
        () => ({
          name: 'SomeOtherAssigner',
          version: 1,
          assign: async ({ members }) =>
            members.map(({ memberId }) => ({
              memberId,
              memberAssignment: AssignerProtocol.MemberAssignment.encode({
                version: 1,
                assignment: {},
                userData: Buffer.alloc(0),
              }),
            })),
          protocol: ({ topics }) => ({
            name: 'SomeOtherAssigner',
            metadata: AssignerProtocol.MemberMetadata.encode({
              version: 1,
              topics,
              userData: Buffer.alloc(0),
            }),
          }),
        }),
      ],
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: 3 }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    await blocker.connect();
    await blocker.subscribe({ topics: [TOPIC] });
    await blocker.run({ eachMessage: async () => undefined });

    const app = await start({ relay: false, consume: true, consumerStallMs: 3_000 }, otherGroup);
    const health = app.get(ConsumerHealthIndicator);
    /** The consumer check's answer, once its status is `status`. */
    const once = (status: 'up' | 'down') =>
      expectEventually(
        () => {
          const result: Record<string, unknown> = health.isHealthy('consumer')['consumer'];
          expect(result['status']).toBe(status);
          return result;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    const down = await once('down');
    expect(down).toMatchObject({ state: 'restarting', partitions: 0, memberId: null });
    expect(down['restarts']).toBeGreaterThanOrEqual(1);
    expect(String(down['message'])).toMatch(/^not a member of group .* for \d+ ms/);

    await blocker.disconnect();
    const up = await once('up');
    expect(up).toMatchObject({ state: 'member', partitions: 3 });
  });
});
