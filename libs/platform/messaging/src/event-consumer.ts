import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, type Consumer, type KafkaMessage } from 'kafkajs';
import { qualifiedEventName, type EventContract, type PayloadOf } from '@shop/contracts';
import { backoffMs, isTransientError } from '@shop/platform/errors';
import { CONSUMER_GROUP_TIMING } from './consumer-group.timing';
import { lagByTopic, readGroupProgress } from './consumer-lag';
import { observeConsumerLag, observeConsumerMembership } from './consumer-metrics';
import { ConsumerStatus, type ConsumerSnapshot, type ConsumerVerdict } from './consumer-status';
import { DeadLetterPublisher, type DeadLetterInput } from './dead-letter.publisher';
import { parseEnvelope } from './event-envelope.parser';
import { EventHandlers, type EventHandler } from './event-handlers';
import { createConsumerClient, createGroupConsumer, startGroupConsumer } from './group-consumer';
import { recordInInbox } from './inbox';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';
import { OutboxService } from './outbox.service';
import { TopicProvisioner } from './topic-provisioner';

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
  private readonly handlers: EventHandlers;
  private readonly deadLetters: DeadLetterPublisher;
  private consumer: Consumer | undefined;
  /** The consumer's own client: its request deadline must outlast a rebalance (see timing). */
  private consumerClientInstance: Kafka | undefined;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private leaving: Promise<void> | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagAdmin: ReturnType<Kafka['admin']> | undefined;
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
    this.handlers = new EventHandlers(options.clientId);
    this.deadLetters = new DeadLetterPublisher(kafka, options.clientId);
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

  /**
   * Registers the handler of one event, by its contract (libs/contracts), which must name this
   * service as a consumer. Call from a consumer's constructor.
   */
  on<C extends EventContract>(contract: C, handle: EventHandler<PayloadOf<C>>): void {
    this.handlers.on(contract, handle);
  }

  onApplicationBootstrap(): void {
    if (this.handlers.size === 0) return;
    this.starting = this.startUntilRunning();
    observeConsumerMembership(this.group, () => this.status.snapshot());
    this.measureLag();
  }

  /** Reads the group's lag every 10 s for `shop_kafka_consumer_lag`. */
  private measureLag(): void {
    let lag = new Map<string, number>();
    observeConsumerLag(this.group, () => lag);
    const topics = this.handlers.topics();
    const admin = this.kafka.admin();
    let connected = false;
    this.lagTimer = setInterval(async () => {
      try {
        if (!connected) await admin.connect();
        connected = true;
        lag = lagByTopic(await readGroupProgress(admin, this.group, topics));
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
    await this.deadLetters.close();
  }

  /** Resolves once the consumer has joined its group (the first time) and is fetching. */
  whenRunning(): Promise<void> {
    return this.starting ? this.starting.then(() => this.joinedOnce) : Promise.resolve();
  }

  private async startUntilRunning(): Promise<void> {
    await this.topics.whenReady();
    const topics = this.handlers.topics();
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
    const parked = (reason: DeadLetterInput['reason'], error: string, attempts = 0) =>
      this.deadLetters.publish({ topic, partition, message, reason, error, attempts });
    const parsed = parseEnvelope(message.value);
    if (!parsed.ok) return parked('INVALID_ENVELOPE', parsed.error);
    const envelope = parsed.value;
    const route = this.handlers.route(envelope);
    if (route.kind === 'not-ours') return;
    if (route.kind === 'dead-letter') return parked(route.reason, route.error);
    const name = qualifiedEventName(envelope);

    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.outbox.transaction(async (tx, emit) => {
          // already applied: a redelivery changes nothing
          if (!(await recordInInbox(tx, this.group, envelope))) return;
          await route.handle({ payload: route.payload, envelope, tx, emit });
        });
        this.logger.log(`handled ${name} ${envelope.eventId} (key ${message.key?.toString()})`);
        return;
      } catch (error) {
        if (this.stopped) throw error; // not committed: redelivered after restart
        const transient = isTransientError(error);
        if (!transient && attempt >= maxAttempts)
          return parked('HANDLER_FAILED', (error as Error).message, attempt);
        this.logger.warn(
          `${envelope.type} ${envelope.eventId} failed (attempt ${attempt}${transient ? ', transient' : ''}): ${(error as Error).message}`,
        );
        // Without limit while the infrastructure is down (transient), up to maxAttempts else.
        const delayMs = backoffMs(attempt - 1, {
          baseMs: this.options.retryBackoffMs ?? 100,
          capMs: transient ? 5_000 : 2_000,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        // Stays a member while it retries, and gives the message up (uncommitted: it comes back,
        // here or to another member, and the inbox keeps it from applying twice) as soon as the
        // group rebalances, so the rebalance does not wait on a retry loop.
        await heartbeat().catch((heartbeatError: { type?: string }) => {
          if (isRebalancing(heartbeatError)) throw heartbeatError;
        });
      }
    }
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
