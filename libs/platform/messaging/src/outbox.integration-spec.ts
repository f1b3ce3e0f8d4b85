import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent, type TopicName } from '@shop/contracts';
import { loadConfig, BackendServiceConfig } from '@shop/platform/config';
import { migrateDatabase, postgresOptions } from '@shop/platform/persistence';
import {
  expectEventually,
  queryDatabase,
  serviceEnv,
  sharedKafkaBrokers,
  type TestDatabase,
} from '@shop/testing';
import { KafkaModule } from './kafka.module';
import type { KafkaOptions } from './kafka.options';
import { MessagingRetention } from './messaging-retention';
import { addOutboxDeliveryTracking, createMessagingTables } from './messaging-tables';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { TopicProvisioner } from './topic-provisioner';

const TOPIC = `test.outbox.${Date.now()}.v1` as TopicName;

class OutboxSchema1700000000000 implements MigrationInterface {
  name = 'OutboxSchema1700000000000';
  async up(db: QueryRunner): Promise<void> {
    await createMessagingTables(db);
    await addOutboxDeliveryTracking(db);
  }
  async down(): Promise<void> {
    // The test database is thrown away.
  }
}

const schema = { entities: [], migrations: [OutboxSchema1700000000000] };

interface Seen {
  eventId: string;
  key: string;
  name: string;
  traceparent: string;
}

/**
 * Spans need a registered provider, context manager and W3C propagator (the services' telemetry
 * does this, with the same SDK): spans are made and dropped, nothing is exported or collected.
 */
const telemetry = new NodeSDK({
  spanProcessors: [new NoopSpanProcessor()],
  metricReaders: [],
  logRecordProcessors: [],
  autoDetectResources: false,
});
telemetry.start();

describe('outbox relay and retention (real Postgres + Kafka)', () => {
  const kafka = new Kafka({
    clientId: 'outbox-test',
    brokers: sharedKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const apps: INestApplicationContext[] = [];
  const seen: Seen[] = [];
  let reader: Consumer;

  beforeAll(async () => {
    // A broker that just started may not take requests yet: try until it does.
    const admin = kafka.admin();
    await expectEventually(
      async () => {
        await admin.connect();
        await admin.createTopics({
          topics: [{ topic: TOPIC, numPartitions: 3 }],
          waitForLeaders: true,
        });
        expect(await admin.listTopics()).toContain(TOPIC);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await admin.disconnect();
    reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topics: [TOPIC], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}');
        seen.push({
          eventId: envelope.eventId,
          key: message.key?.toString() ?? '',
          name: envelope.payload?.name,
          traceparent: message.headers?.['traceparent']?.toString() ?? '',
        });
      },
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    for (const app of apps) await app.close();
    await telemetry.shutdown();
  });

  /** A fresh database for one scenario, and an app on it (relay driven by the test). */
  async function start(
    name: string,
    options: Partial<KafkaOptions> = {},
    env: Record<string, string> = {},
  ): Promise<{ app: INestApplicationContext; database: TestDatabase }> {
    const prepared = await serviceEnv(name);
    const config = loadConfig(BackendServiceConfig, { ...prepared.env, ...env });
    await migrateDatabase(
      postgresOptions(loadConfig(BackendServiceConfig, prepared.env), schema, 'migrate'),
      () => undefined,
    );
    @Module({
      imports: [
        TypeOrmModule.forRoot(postgresOptions(config, schema, name)),
        KafkaModule.forRoot({
          clientId: name,
          brokers: config.KAFKA_BROKERS,
          topics: [TOPIC],
          partitions: 3,
          replicationFactor: 1,
          relay: false,
          eventContracts: [
            defineEvent({
              type: 'ThingHappened',
              version: 1,
              topic: TOPIC,
              producer: name,
              consumers: [],
              summary: 'A thing happened (test event).',
              payload: z.object({ name: z.string(), extra: z.string() }),
            }),
          ],
          ...options,
        }),
      ],
    })
    class OutboxTestModule {}
    const app = await NestFactory.createApplicationContext(OutboxTestModule, {
      logger: ['error'],
    });
    apps.push(app);
    await app.init();
    await app.get(TopicProvisioner).whenReady();
    return { app, database: prepared.database };
  }

  const write = (app: INestApplicationContext, key: string, name: string, extra = '') =>
    app.get(OutboxService).transaction((_tx, emit) =>
      emit({
        topic: TOPIC,
        key,
        type: 'ThingHappened',
        version: 1,
        correlationId: key,
        payload: { name, extra },
      }),
    );

  const seenOf = (eventIds: string[]) => seen.filter((s) => eventIds.includes(s.eventId));

  it('a slow broker keeps no transaction open, and the batch is published exactly once', async () => {
    // Sessions idle in a transaction for 500 ms are killed; every send takes 1.5 s.
    const { app, database } = await start('outbox_slow', {}, { DB_STATEMENT_TIMEOUT_MS: '250' });
    const broker = app.get(Kafka);
    const producerOf = broker.producer.bind(broker);
    let sends = 0;
    broker.producer = (config) => {
      const producer: Producer = producerOf(config);
      const slow =
        <A extends unknown[], R>(send: (...args: A) => Promise<R>) =>
        async (...args: A) => {
          sends++;
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          return send(...args);
        };
      return { ...producer, send: slow(producer.send), sendBatch: slow(producer.sendBatch) };
    };
    const events = [];
    for (const name of ['slow-1', 'slow-2', 'slow-3'])
      events.push(await write(app, 'slow-aggregate', name));

    let idleInTransaction = 0;
    let draining = true;
    const watcher = (async () => {
      while (draining) {
        const rows = await queryDatabase<{ n: number }>(
          database,
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
          [database.name],
        );
        idleInTransaction = Math.max(idleInTransaction, rows[0].n);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    try {
      expect(await app.get(OutboxRelay).drainAll()).toBe(3);
    } finally {
      draining = false;
      await watcher;
    }
    expect(idleInTransaction).toBe(0);
    expect(sends).toBe(1); // one sendBatch for the batch
    expect(await app.get(OutboxRelay).backlog()).toBe(0);

    const ids = events.map((e) => e.eventId);
    await expectEventually(() => expect(seenOf(ids)).toHaveLength(3));
    // Nothing is left to publish, so nothing more arrives: each event exactly once, in order.
    expect(await app.get(OutboxRelay).drainAll()).toBe(0);
    expect(seenOf(ids).map((s) => s.name)).toEqual(['slow-1', 'slow-2', 'slow-3']);
  });

  it('a row the broker refuses is backed off; other aggregates flow, its own wait behind it', async () => {
    const { app, database } = await start('outbox_poison');
    const relay = app.get(OutboxRelay);
    // Larger than the broker accepts (message.max.bytes is about 1 MB by default).
    const poison = await write(app, 'aggregate-a', 'a-1', 'x'.repeat(1_500_000));
    const a2 = await write(app, 'aggregate-a', 'a-2');
    const b1 = await write(app, 'aggregate-b', 'b-1');
    const b2 = await write(app, 'aggregate-b', 'b-2');

    expect(await relay.drainAll()).toBe(2);
    await expectEventually(() =>
      expect(seenOf([b1.eventId, b2.eventId]).map((s) => s.name)).toEqual(['b-1', 'b-2']),
    );
    const state = () =>
      queryDatabase<{
        event_id: string;
        published: boolean;
        attempts: number;
        last_error: string | null;
        backed_off: boolean;
      }>(
        database,
        `SELECT event_id, published_at IS NOT NULL AS published, attempts, last_error,
           next_attempt_at > now() AS backed_off
         FROM outbox ORDER BY seq`,
      );
    const [poisonRow, a2Row] = await state();
    expect(poisonRow).toMatchObject({
      event_id: poison.eventId,
      published: false,
      attempts: 1,
      backed_off: true,
    });
    expect(poisonRow.last_error).toMatch(/larger than the max message size/i);
    // The aggregate's later event was not published past it.
    expect(a2Row).toMatchObject({ event_id: a2.eventId, published: false, attempts: 0 });

    // Backed off: another pass leaves both alone and publishes nothing.
    expect(await relay.drainAll()).toBe(0);
    expect(seenOf([poison.eventId, a2.eventId])).toEqual([]);

    // Once the row can be published (fixed, due again), the aggregate's events go in order.
    await queryDatabase(
      database,
      `UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,extra}', '""'),
         next_attempt_at = now() WHERE event_id = $1`,
      [poison.eventId],
    );
    expect(await relay.drainAll()).toBe(2);
    await expectEventually(() =>
      expect(seenOf([poison.eventId, a2.eventId]).map((s) => s.name)).toEqual(['a-1', 'a-2']),
    );
    expect((await state()).every((row) => row.published && row.last_error === null)).toBe(true);
  });

  it('publishes each event of one batch in the trace of the transaction that wrote it', async () => {
    const { app } = await start('outbox_traces');
    const tracer = trace.getTracer('test');
    const writeInTrace = (name: string) =>
      tracer.startActiveSpan(`write ${name}`, async (span) => {
        const envelope = await write(app, `traced-${name}`, name);
        span.end();
        return { envelope, traceId: span.spanContext().traceId };
      });
    const first = await writeInTrace('traced-1');
    const second = await writeInTrace('traced-2');
    expect(first.traceId).not.toBe(second.traceId);
    // Drained outside any trace, in one batch.
    expect(await app.get(OutboxRelay).drainAll()).toBe(2);
    await expectEventually(() =>
      expect(seenOf([first.envelope.eventId, second.envelope.eventId])).toHaveLength(2),
    );
    for (const { envelope, traceId } of [first, second]) {
      const [message] = seenOf([envelope.eventId]);
      expect(message.traceparent.split('-')[1]).toBe(traceId);
    }
  });

  it('deletes published outbox rows and inbox rows past retention, in batches, never the backlog', async () => {
    const { database } = await start('outbox_retention', {
      outboxRetentionHours: 24,
      inboxRetentionHours: 336,
      retentionIntervalMs: 200,
    });
    const query = <T>(text: string, params: unknown[] = []) =>
      queryDatabase<T>(database, text, params);
    const outboxRow = (published: string | null, created = 'now()') =>
      `(gen_random_uuid(), '${TOPIC}', 'k', '{}', ${created}, ${published})`;
    // 1,200 published two days ago (more than one batch), one published an hour ago, and an
    // unpublished one written a month ago.
    await query(
      `INSERT INTO outbox (event_id, topic, message_key, envelope, created_at, published_at)
       SELECT gen_random_uuid(), $1, 'old', '{}', now() - interval '3 days', now() - interval '2 days'
       FROM generate_series(1, 1200)`,
      [TOPIC],
    );
    await query(
      `INSERT INTO outbox (event_id, topic, message_key, envelope, created_at, published_at) VALUES
       ${outboxRow("now() - interval '1 hour'")},
       ${outboxRow(null, "now() - interval '30 days'")}`,
    );
    await query(
      `INSERT INTO inbox (consumer, event_id, event_type, processed_at)
       SELECT 'c', gen_random_uuid(), 'ThingHappened.v1', now() - interval '15 days'
       FROM generate_series(1, 700)
       UNION ALL SELECT 'c', gen_random_uuid(), 'ThingHappened.v1', now() - interval '13 days'`,
    );

    await expectEventually(async () => {
      const [{ outbox }] = await query<{ outbox: number }>(
        'SELECT count(*)::int AS outbox FROM outbox',
      );
      const [{ inbox }] = await query<{ inbox: number }>(
        'SELECT count(*)::int AS inbox FROM inbox',
      );
      expect({ outbox, inbox }).toEqual({ outbox: 2, inbox: 1 });
    });
    const kept = await query<{ published: boolean }>(
      'SELECT published_at IS NOT NULL AS published FROM outbox ORDER BY seq',
    );
    expect(kept).toEqual([{ published: true }, { published: false }]);
  });

  it('retention defaults keep a day of outbox and two weeks of inbox', async () => {
    const { app, database } = await start('outbox_retention_defaults');
    await queryDatabase(
      database,
      `INSERT INTO outbox (event_id, topic, message_key, envelope, published_at) VALUES
         (gen_random_uuid(), $1, 'k', '{}', now() - interval '25 hours'),
         (gen_random_uuid(), $1, 'k', '{}', now() - interval '23 hours')`,
      [TOPIC],
    );
    await queryDatabase(
      database,
      `INSERT INTO inbox (consumer, event_id, event_type, processed_at) VALUES
         ('c', gen_random_uuid(), 't', now() - interval '15 days'),
         ('c', gen_random_uuid(), 't', now() - interval '8 days')`,
    );
    expect(await app.get(MessagingRetention).purge()).toEqual({ outbox: 1, inbox: 1 });
  });
});
