import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import { CompressionTypes, Kafka, type Producer } from 'kafkajs';
import { shopMeter } from '@shop/platform/observability';
import { DataSource } from 'typeorm';
import { sql } from '@shop/platform/persistence';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';

const BATCH = 200;
/** One relay at a time per service database, so events leave in the order they were written. */
const RELAY_LOCK = 727_100;

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  envelope: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to Kafka: immediately when kicked after a commit, and on a timer for
 * whatever a crash or a Kafka outage left behind. Idempotent producer, acks from all replicas.
 * A crash between publish and marking a row published repeats the event; consumers' inboxes
 * make that harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | undefined;
  private connected: Promise<Producer> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backlogTimer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  onApplicationBootstrap(): void {
    let backlog = 0;
    const gauge = shopMeter().createObservableGauge('shop_outbox_backlog', {
      description: 'Events written to the outbox and not yet published to Kafka',
    });
    gauge.addCallback((result) => result.observe(backlog));
    this.backlogTimer = setInterval(() => {
      this.backlog().then(
        (count) => (backlog = count),
        () => undefined,
      );
    }, 5_000);
    this.backlogTimer.unref();
    if (this.options.relay === false) return;
    this.timer = setInterval(() => this.kick(), this.options.outboxPollMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.backlogTimer);
    await this.draining?.catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Asks for a drain now; concurrent kicks coalesce into one more pass. */
  kick(): void {
    if (this.stopped || this.options.relay === false) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainAll()
      .catch((error: Error) => {
        this.logger.warn(`outbox not published yet: ${error.message}`);
        return 0;
      })
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Publishes everything pending; resolves with the number of events published. */
  async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  /** Unpublished events, for health and metrics. */
  async backlog(): Promise<number> {
    const [{ count }] = await sql<{ count: number }>(
      this.db,
      'SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL',
    );
    return count;
  }

  private async publishBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await sql<{ locked: boolean }>(
        tx,
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK],
      );
      if (!locked) return 0;
      const rows = await sql<OutboxRow>(
        tx,
        `SELECT seq, topic, message_key, envelope, headers FROM outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      const producer = await this.connect();
      // One send per event, in order, each in the trace of the transaction that wrote it, so
      // the consumer's work continues that trace (the Kafka instrumentation links the spans).
      for (const row of rows) {
        const parent = propagation.extract(ROOT_CONTEXT, row.headers ?? {});
        await context.with(parent, () =>
          producer.send({
            topic: row.topic,
            acks: -1,
            compression: CompressionTypes.None,
            messages: [{ key: row.message_key, value: JSON.stringify(row.envelope) }],
          }),
        );
      }
      await sql(tx, 'UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
        rows.map((r) => r.seq),
      ]);
      return rows.length;
    });
  }

  private connect(): Promise<Producer> {
    this.connected ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 5 },
      });
      producer.on(producer.events.DISCONNECT, () => {
        this.connected = undefined;
      });
      await producer.connect();
      this.producer = producer;
      return producer;
    })().catch((error) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
