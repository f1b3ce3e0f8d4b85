import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '@shop/platform/persistence';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';

/** Rows deleted per statement: short statements, short locks, however large the backlog. */
const BATCH = 500;

export const DEFAULT_OUTBOX_RETENTION_HOURS = 24;
/** Longer than Kafka's default 7-day retention of events and offsets (see KafkaOptions). */
export const DEFAULT_INBOX_RETENTION_HOURS = 14 * 24;

export interface RetentionRun {
  readonly outbox: number;
  readonly inbox: number;
}

/**
 * Keeps the outbox and inbox from growing forever: published outbox rows older than
 * `outboxRetentionHours` (an unpublished row is never deleted, whatever its age) and inbox rows
 * older than `inboxRetentionHours`, deleted in small batches on a timer. Every replica runs it;
 * batches skip rows another replica is deleting.
 */
@Injectable()
export class MessagingRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionRun> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.options.retentionIntervalMs ?? 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes everything past retention now; resolves with the rows deleted per table. */
  async purge(): Promise<RetentionRun> {
    const outbox = await this.deleteInBatches(
      `DELETE FROM outbox WHERE seq IN (
         SELECT seq FROM outbox
         WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => $1)
         LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING 1`,
      this.options.outboxRetentionHours ?? DEFAULT_OUTBOX_RETENTION_HOURS,
    );
    const inbox = await this.deleteInBatches(
      `DELETE FROM inbox WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM inbox
         WHERE processed_at < now() - make_interval(hours => $1)
         LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING 1`,
      this.options.inboxRetentionHours ?? DEFAULT_INBOX_RETENTION_HOURS,
    );
    return { outbox, inbox };
  }

  private async deleteInBatches(statement: string, hours: number): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = (await sql(this.db, statement, [hours])).length;
      total += deleted;
      if (deleted < BATCH || this.stopped) return total;
    }
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.purge();
    try {
      const { outbox, inbox } = await this.running;
      if (outbox + inbox > 0)
        this.logger.log(`retention deleted ${outbox} outbox and ${inbox} inbox row(s)`);
    } catch (error) {
      this.logger.warn(`retention not applied, retrying next time: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }
}
