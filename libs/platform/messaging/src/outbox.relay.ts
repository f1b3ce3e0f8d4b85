import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  propagation,
  trace,
  type Span,
} from '@opentelemetry/api';
import { CompressionTypes, Kafka, type Message, type Producer, type ProducerBatch } from 'kafkajs';
import { shopMeter } from '@shop/platform/observability';
import { DataSource, type QueryRunner } from 'typeorm';
import { sql } from '@shop/platform/persistence';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';
import { createReliableProducer } from './reliable-producer';

const BATCH = 200;
/** One relay at a time per service database, so events leave in the order they were written. */
const RELAY_LOCK = 727_100;
/** A row the broker refused waits 1 s, 2 s, 4 s, ... up to this, before it is tried again. */
const MAX_BACKOFF_SECONDS = 300;

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  envelope: unknown;
  headers: Record<string, string> | null;
}

/** A row ready to send: its message and the trace it was written in. */
interface Outgoing {
  readonly row: OutboxRow;
  readonly message: Message;
}

interface PassResult {
  /** Rows claimed (a full batch means there may be more). */
  readonly claimed: number;
  readonly published: number;
  /** Rows whose failure was recorded (backed off), so the next pass makes progress. */
  readonly failed: number;
}

const tracer = trace.getTracer('@shop/platform/messaging');

/**
 * Publishes outbox rows to Kafka: immediately when kicked after a commit, and on a timer for
 * whatever a crash or a Kafka outage left behind. Idempotent producer, acks from all replicas.
 *
 * No database transaction stays open while Kafka is talked to: one relay per database holds a
 * session advisory lock (a connection, no transaction) while it claims a batch (one SELECT),
 * sends it in one `sendBatch`, and marks it published (one UPDATE). A slow or absent broker
 * costs time, never an idle-in-transaction session, and a batch is marked once it is sent.
 *
 * A row the broker refuses for good (message too large, ...), or that cannot be serialized, is
 * recorded (`attempts`, `last_error`) and backed off; the rest keep flowing, except the later
 * rows of the same aggregate (message key), which wait behind it so the aggregate's events keep
 * their order. While the broker is unreachable nothing is recorded: the whole pass stops.
 *
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

  /**
   * Publishes everything that can be published now; resolves with the number of events
   * published (0 when another relay holds the database's relay lock). Rejects when the broker
   * is unreachable, leaving the rest for the next pass.
   */
  async drainAll(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RELAY_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return 0;
      try {
        let total = 0;
        for (;;) {
          const pass = await this.publishBatch(runner);
          total += pass.published;
          if (pass.claimed < BATCH || pass.published + pass.failed === 0 || this.stopped)
            return total;
        }
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]).catch((error: Error) => {
          this.logger.warn(`relay lock not released: ${error.message}`);
        });
      }
    } finally {
      await runner.release();
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

  private async publishBatch(runner: QueryRunner): Promise<PassResult> {
    // Claim: the oldest rows due now, except those queued behind a backed-off row of their
    // aggregate. One statement, no transaction kept: the relay lock makes the claim ours.
    const rows = (await runner.query(
      `SELECT o.seq, o.topic, o.message_key, o.envelope, o.headers FROM outbox o
       WHERE o.published_at IS NULL
         AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
         AND NOT EXISTS (
           SELECT 1 FROM outbox b
           WHERE b.published_at IS NULL AND b.message_key = o.message_key AND b.seq < o.seq
             AND b.next_attempt_at > now())
       ORDER BY o.seq LIMIT ${BATCH}`,
    )) as OutboxRow[];
    if (rows.length === 0) return { claimed: 0, published: 0, failed: 0 };

    const blocked = new Set<string>();
    const ready: Outgoing[] = [];
    let failed = 0;
    for (const row of rows) {
      if (blocked.has(row.message_key)) continue;
      try {
        ready.push({ row, message: toMessage(row) });
      } catch (error) {
        blocked.add(row.message_key);
        await this.recordFailure(runner, row, error);
        failed++;
      }
    }
    if (ready.length === 0) return { claimed: rows.length, published: 0, failed };

    const producer = await this.connect();
    try {
      await this.send(producer, ready);
      await this.markPublished(runner, ready);
      return { claimed: rows.length, published: ready.length, failed };
    } catch (error) {
      if (isBrokerTrouble(error)) throw error;
      this.logger.warn(
        `a batch of ${ready.length} was refused (${(error as Error).message}): sending one by one`,
      );
    }

    // Someone in the batch is refused for good: find it, one row at a time, in order.
    const sent: Outgoing[] = [];
    try {
      for (const outgoing of ready) {
        if (blocked.has(outgoing.row.message_key)) continue;
        try {
          await this.send(producer, [outgoing]);
          sent.push(outgoing);
        } catch (error) {
          if (isBrokerTrouble(error)) throw error;
          blocked.add(outgoing.row.message_key);
          await this.recordFailure(runner, outgoing.row, error);
          failed++;
        }
      }
    } finally {
      await this.markPublished(runner, sent);
    }
    return { claimed: rows.length, published: sent.length, failed };
  }

  /**
   * One `sendBatch` for the whole batch (grouped by topic, order kept), each message in the
   * trace of the transaction that wrote it: its producer span is a child of that trace and the
   * message carries it, so the consumer's work continues it. The kafkajs instrumentation would
   * parent every span of a batch to one context, so its wrapper is bypassed for this call.
   */
  private async send(producer: Producer, batch: readonly Outgoing[]): Promise<void> {
    const spans: Span[] = [];
    const topicMessages: ProducerBatch['topicMessages'] = [];
    for (const { row, message } of batch) {
      const parent = propagation.extract(ROOT_CONTEXT, row.headers ?? {});
      const span = tracer.startSpan(
        `send ${row.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': row.topic,
            'messaging.operation.type': 'send',
            'messaging.operation.name': 'send',
            'messaging.kafka.message.key': row.message_key,
          },
        },
        parent,
      );
      spans.push(span);
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(parent, span), headers);
      const last = topicMessages.at(-1);
      const traced = { ...message, headers };
      if (last?.topic === row.topic) last.messages.push(traced);
      else topicMessages.push({ topic: row.topic, messages: [traced] });
    }
    const sendBatch = (producer.sendBatch as { __original?: Producer['sendBatch'] }).__original;
    try {
      await (sendBatch ?? producer.sendBatch).call(producer, {
        topicMessages,
        acks: -1,
        compression: CompressionTypes.None,
      });
    } catch (error) {
      for (const span of spans) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      }
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async markPublished(runner: QueryRunner, sent: readonly Outgoing[]): Promise<void> {
    if (sent.length === 0) return;
    await runner.query(
      'UPDATE outbox SET published_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[])',
      [sent.map((s) => s.row.seq)],
    );
  }

  private async recordFailure(runner: QueryRunner, row: OutboxRow, error: unknown): Promise<void> {
    const text = describe(error);
    this.logger.error(
      `outbox event ${row.seq} (key ${row.message_key}) not published, backing off: ${text}`,
    );
    await runner.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
         next_attempt_at = now() + make_interval(secs => least($3, power(2, attempts)))
       WHERE seq = $1`,
      [row.seq, text.slice(0, 2000), MAX_BACKOFF_SECONDS],
    );
  }

  private connect(): Promise<Producer> {
    this.connected ??= (async () => {
      const producer = createReliableProducer(this.kafka, { retries: 5 });
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

function toMessage(row: OutboxRow): Message {
  const value = JSON.stringify(row.envelope);
  if (typeof value !== 'string') throw new TypeError('envelope does not serialize to JSON');
  return { key: row.message_key, value };
}

/**
 * The broker is unreachable, slow or not ready (connection, timeout, a retriable protocol error
 * after retries): nothing is wrong with the rows, so none is blamed; the pass stops.
 */
export function isBrokerTrouble(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as { name?: unknown; retriable?: unknown; cause?: unknown } | undefined; e;) {
    if (seen.has(e)) break;
    seen.add(e);
    if (e.retriable === true) return true;
    if (
      typeof e.name === 'string' &&
      /Connection|Timeout|BrokerNotFound|MetadataNotLoaded|LockTimeout/.test(e.name)
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error as { name?: string; message?: string; cause?: unknown } | undefined; e;) {
    if (seen.has(e) || typeof e !== 'object') break;
    seen.add(e);
    parts.push(`${e.name ?? 'Error'}: ${e.message ?? String(e)}`);
    e = e.cause as typeof e;
  }
  return parts.length > 0 ? [...new Set(parts)].join(' <- ') : String(error);
}
