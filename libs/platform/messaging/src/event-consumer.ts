import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { shopMeter } from '@shop/platform/observability';
import type { EntityManager } from 'typeorm';
import { deadLetterTopic, type EventEnvelope, type TopicName } from '@shop/contracts';
import { sql } from '@shop/platform/persistence';
import { parseEnvelope, parsePayload } from './event-envelope.parser';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';
import { OutboxService, type Emit } from './outbox.service';
import { TopicProvisioner } from './topic-provisioner';
import { isTransientError } from '@shop/platform/errors';
import { CONSUMER_GROUP_TIMING } from './consumer-group.timing';
import { ConsumerStatus, type ConsumerSnapshot, type ConsumerVerdict } from './consumer-status';
import { createConsumerClient, createGroupConsumer, startGroupConsumer } from './group-consumer';

export interface EventContext<TPayload> {
  readonly payload: TPayload;
  readonly envelope: EventEnvelope;
  /** The transaction the inbox row is written in: put the effect in it. */
  readonly tx: EntityManager;
  /** Emits follow-up events through the outbox, in the same transaction. */
  readonly emit: Emit;
}

interface Registration {
  readonly topic: TopicName;
  readonly schema: new () => object;
  readonly handle: (context: EventContext<never>) => Promise<void>;
}

export const DLT_HEADERS = {
  reason: 'x-dlt-reason',
  error: 'x-dlt-error',
  topic: 'x-dlt-original-topic',
  partition: 'x-dlt-original-partition',
  offset: 'x-dlt-original-offset',
  consumer: 'x-dlt-consumer',
  attempts: 'x-dlt-attempts',
} as const;

/**
 * The service's Kafka consumer (one consumer group named after the service). For each message:
 * envelope and payload validated (malformed, or a known type in a version without a handler →
 * dead letter at once; a type no handler knows is another consumer's), handler run in a transaction
 * together with its inbox row (a redelivered event changes nothing), failures retried with
 * backoff — without limit while the infrastructure is down, up to `maxAttempts` otherwise — and
 * then parked in `<topic>.<group>.dlt`. The offset moves on only once the message is handled or
 * parked, so nothing is lost.
 */
@Injectable()
export class EventConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<string, Registration>();
  /** Versions handled per event type: another version of a known type is not someone else's. */
  private readonly versions = new Map<string, number[]>();
  private consumer: Consumer | undefined;
  /** The consumer's own client: its request deadline must outlast a rebalance (see timing). */
  private consumerClientInstance: Kafka | undefined;
  private dltProducer: Producer | undefined;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private leaving: Promise<void> | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagAdmin: Admin | undefined;
  private firstJoin!: () => void;
  private readonly joinedOnce = new Promise<void>((resolve) => (this.firstJoin = resolve));
  readonly status: ConsumerStatus;

  constructor(
    private readonly kafka: Kafka,
    private readonly outbox: OutboxService,
    private readonly topics: TopicProvisioner,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {
    this.status = new ConsumerStatus(options.clientId);
  }

  get group(): string {
    return this.options.clientId;
  }

  /** Whether this service consumes anything (a service without handlers has no consumer). */
  get enabled(): boolean {
    return this.handlers.size > 0;
  }

  snapshot(): ConsumerSnapshot {
    return this.status.snapshot();
  }

  /** Readiness: a member that polls, or out of its group for no longer than the grace. */
  verdict(): ConsumerVerdict {
    return this.status.verdict(this.options.consumerStallMs ?? 30_000);
  }

  /** Registers the handler of one event type and version (call from a consumer's constructor). */
  on<TPayload extends object>(
    topic: TopicName,
    type: string,
    version: number,
    schema: new () => TPayload,
    handle: (context: EventContext<TPayload>) => Promise<void>,
  ): void {
    this.handlers.set(`${type}.v${version}`, {
      topic,
      schema,
      handle: handle as Registration['handle'],
    });
    this.versions.set(type, [...(this.versions.get(type) ?? []), version]);
  }

  onApplicationBootstrap(): void {
    if (this.handlers.size === 0) return;
    this.starting = this.startUntilRunning();
    this.measureLag();
    this.measureMembership();
  }

  /**
   * `shop_kafka_consumer_member` (1 while a member of its group), `..._assigned_partitions`,
   * `..._restarts` (crashes), `..._rebalances`, `..._last_poll_age_seconds`, per group.
   */
  private measureMembership(): void {
    const meter = shopMeter();
    const attributes = { group: this.group };
    const gauge = (name: string, description: string, read: (s: ConsumerSnapshot) => number) =>
      meter
        .createObservableGauge(name, { description })
        .addCallback((result) => result.observe(read(this.status.snapshot()), attributes));
    gauge('shop_kafka_consumer_member', '1 while a member of its consumer group, else 0', (s) =>
      s.state === 'member' ? 1 : 0,
    );
    gauge(
      'shop_kafka_consumer_assigned_partitions',
      'Partitions this member holds',
      (s) => s.partitions,
    );
    gauge(
      'shop_kafka_consumer_out_of_group_seconds',
      'Seconds since the consumer was last a member of its group (0 while it is one)',
      (s) => s.outOfGroupForMs / 1000,
    );
    gauge(
      'shop_kafka_consumer_last_poll_age_seconds',
      'Seconds since the consumer last fetched',
      (s) => (s.lastPollAgoMs ?? 0) / 1000,
    );
    meter
      .createObservableCounter('shop_kafka_consumer_restarts', {
        description: 'Consumer crashes, each followed by a restart',
      })
      .addCallback((result) => result.observe(this.status.snapshot().restarts, attributes));
    meter
      .createObservableCounter('shop_kafka_consumer_rebalances', {
        description: 'Rebalances this member went through after its first join',
      })
      .addCallback((result) => result.observe(this.status.snapshot().rebalances, attributes));
  }

  /** `shop_kafka_consumer_lag{topic}`: messages of subscribed topics not yet handled by the group. */
  private measureLag(): void {
    const lag = new Map<string, number>();
    shopMeter()
      .createObservableGauge('shop_kafka_consumer_lag', {
        description: 'Messages the consumer group has yet to handle, per topic',
      })
      .addCallback((result) =>
        lag.forEach((value, topic) => result.observe(value, { topic, group: this.group })),
      );
    const topics = [...new Set([...this.handlers.values()].map((h) => h.topic))];
    const admin = this.kafka.admin();
    let connected = false;
    this.lagTimer = setInterval(async () => {
      try {
        if (!connected) await admin.connect();
        connected = true;
        const committed = await admin.fetchOffsets({ groupId: this.group, topics });
        for (const topic of topics) {
          const ends = await admin.fetchTopicOffsets(topic);
          const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
          let total = 0;
          for (const { partition, high } of ends) {
            const offset = Number(done.find((d) => d.partition === partition)?.offset ?? '-1');
            total += Math.max(0, Number(high) - Math.max(offset, 0));
          }
          lag.set(topic, total);
        }
      } catch {
        connected = false;
        await admin.disconnect().catch(() => undefined);
      }
    }, 10_000);
    this.lagTimer.unref();
    this.lagAdmin = admin;
  }

  /**
   * SIGTERM (a stop, a rolling update): before the HTTP server and the database close, the
   * consumer stops fetching, finishes and commits the message in hand, and leaves its group, so
   * the other members take its partitions over at once instead of after the session timeout.
   */
  beforeApplicationShutdown(): Promise<void> {
    this.leaving ??= this.leave();
    return this.leaving;
  }

  private async leave(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    const started = Date.now();
    await consumer?.disconnect().catch(() => undefined);
    if (consumer) this.logger.log(`left group ${this.group} in ${Date.now() - started} ms`);
    this.status.stopped();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    clearInterval(this.lagTimer);
    await this.lagAdmin?.disconnect().catch(() => undefined);
    await this.dltProducer?.disconnect().catch(() => undefined);
  }

  /** Resolves once the consumer has joined its group (the first time) and is fetching. */
  whenRunning(): Promise<void> {
    return this.starting ? this.starting.then(() => this.joinedOnce) : Promise.resolve();
  }

  private async startUntilRunning(): Promise<void> {
    await this.topics.whenReady();
    const topics = [...new Set([...this.handlers.values()].map((h) => h.topic))];
    const consumer = await startGroupConsumer({
      client: this.consumerClient(),
      group: this.group,
      topics,
      create: () => (this.consumer = this.createConsumer()),
      run: {
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachMessage: ({ topic, partition, message, heartbeat }) =>
          this.process(topic, partition, message, heartbeat),
      },
      stopping: () => this.stopped,
      logger: this.logger,
    });
    if (!consumer) return;
    // Stopped while starting: make sure it is gone (disconnecting twice is harmless).
    if (this.stopped) await consumer.disconnect().catch(() => undefined);
    else this.logger.log(`consuming ${topics.join(', ')} as group ${this.group}`);
  }

  private consumerClient(): Kafka {
    this.consumerClientInstance ??= createConsumerClient({
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      idleLoopFix: this.options.idleLoopFix,
    });
    return this.consumerClientInstance;
  }

  /** A kafkajs consumer with the group timing, reporting to `status`. */
  private createConsumer(): Consumer {
    const consumer = createGroupConsumer({
      client: this.consumerClient(),
      group: this.group,
      status: this.status,
      logger: this.logger,
      stopping: () => this.stopped,
      onCrashWithoutRestart: (crashed) => this.restartAfterCrash(crashed),
    });
    consumer.on(consumer.events.GROUP_JOIN, () => this.firstJoin());
    return consumer;
  }

  private restartAfterCrash(crashed: Consumer): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped || this.consumer !== crashed) return;
      this.status.restarting();
      this.starting = crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => this.startUntilRunning());
    }, CONSUMER_GROUP_TIMING.restartDelayMs);
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ) {
    const parsed = parseEnvelope(message.value);
    if (!parsed.ok)
      return this.deadLetter(topic, partition, message, 'INVALID_ENVELOPE', parsed.error, 0);
    const envelope = parsed.value;
    const registration = this.handlers.get(`${envelope.type}.v${envelope.version}`);
    if (!registration) {
      const handled = this.versions.get(envelope.type);
      if (!handled) return; // another consumer's event
      // A type this service handles, in a version it cannot read (a producer upgraded first):
      // parked, never skipped, and replayable once this service handles that version.
      return this.deadLetter(
        topic,
        partition,
        message,
        'UNKNOWN_VERSION',
        `${envelope.type}.v${envelope.version} is not handled (handled: ${handled.map((v) => `v${v}`).join(', ')})`,
        0,
      );
    }
    const payload = parsePayload(registration.schema, envelope.payload);
    if (!payload.ok)
      return this.deadLetter(topic, partition, message, 'INVALID_PAYLOAD', payload.error, 0);

    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.outbox.transaction(async (tx, emit) => {
          const fresh = await sql(
            tx,
            `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.group, envelope.eventId, `${envelope.type}.v${envelope.version}`],
          );
          if (fresh.length === 0) return; // already applied: redelivery changes nothing
          await registration.handle({ payload: payload.value as never, envelope, tx, emit });
        });
        this.logger.log(
          `handled ${envelope.type}.v${envelope.version} ${envelope.eventId} (key ${message.key?.toString()})`,
        );
        return;
      } catch (error) {
        if (this.stopped) throw error; // not committed: redelivered after restart
        const transient = isTransientError(error);
        if (!transient && attempt >= maxAttempts) {
          return this.deadLetter(
            topic,
            partition,
            message,
            'HANDLER_FAILED',
            (error as Error).message,
            attempt,
          );
        }
        this.logger.warn(
          `${envelope.type} ${envelope.eventId} failed (attempt ${attempt}${transient ? ', transient' : ''}): ${(error as Error).message}`,
        );
        await sleep(
          Math.min(
            transient ? 5_000 : 2_000,
            (this.options.retryBackoffMs ?? 100) * 2 ** (attempt - 1),
          ),
        );
        // Stays a member while it retries, and gives the message up (uncommitted: it comes back,
        // here or to another member, and the inbox keeps it from applying twice) as soon as the
        // group rebalances, so the rebalance does not wait on a retry loop.
        await heartbeat().catch((heartbeatError: { type?: string }) => {
          if (isRebalancing(heartbeatError)) throw heartbeatError;
        });
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    error: string,
    attempts: number,
  ): Promise<void> {
    const target = deadLetterTopic(topic, this.group);
    this.logger.error(
      `dead-lettering ${topic}[${partition}]@${message.offset} to ${target}: ${reason}: ${error}`,
    );
    this.dltProducer ??= this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.dltProducer.connect();
    await this.dltProducer.send({
      topic: target,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DLT_HEADERS.reason]: reason,
            [DLT_HEADERS.error]: error.slice(0, 1000),
            [DLT_HEADERS.topic]: topic,
            [DLT_HEADERS.partition]: String(partition),
            [DLT_HEADERS.offset]: message.offset,
            [DLT_HEADERS.consumer]: this.group,
            [DLT_HEADERS.attempts]: String(attempts),
          },
        },
      ],
    });
  }
}

/** kafkajs' own test (errors.js `isRebalancing`): the group moved on, the member must rejoin. */
function isRebalancing(error: { type?: string }): boolean {
  return (
    error.type === 'REBALANCE_IN_PROGRESS' ||
    error.type === 'NOT_COORDINATOR_FOR_GROUP' ||
    error.type === 'ILLEGAL_GENERATION'
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
