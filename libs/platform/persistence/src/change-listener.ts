import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { backoffMs } from '@shop/platform/errors';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** What a change listener tells its owner. */
export interface ChangeHandlers {
  /** A change was committed; `payload` is what the trigger sent (a row's id, say). */
  readonly notice: (payload: string) => void;
  /** Notices arrive from now on (after a connect or a reconnect; earlier ones may be lost). */
  readonly listening: () => void;
  /** Notices may be missed from now on: do not rely on them until `listening` again. */
  readonly deaf: () => void;
}

export interface ChangeListenerOptions {
  /** The Postgres channel a trigger NOTIFYs on. */
  readonly channel: string;
  /** How the connection names itself in pg_stat_activity (application_name). */
  readonly name: string;
  /**
   * A connection cut without a word (a partition, a host gone) raises nothing until TCP gives
   * up, minutes later, and notices would be missed meanwhile: the listener asks the server this
   * often and counts the connection lost when no answer comes within the same time.
   */
  readonly heartbeatMs?: number;
}

/**
 * One dedicated connection that LISTENs to a channel of the service's own database, for state
 * that must follow committed changes whoever made them (a read cache, a live stream). NOTIFY is
 * transactional: a notice is sent when its transaction commits, never for a rolled-back one.
 *
 * Notices sent while the connection is down are gone, so the owner is told (`deaf`) as soon as
 * it drops and (`listening`) once it is back; it reconnects by itself with back-off. A lost
 * connection costs the owner its shortcut, never correctness, if it reads through while deaf.
 */
export class PostgresChangeListener {
  private readonly logger: Logger;
  private readonly heartbeatMs: number;
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = true;
  private isListening = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly options: ChangeListenerOptions,
    private readonly handlers: ChangeHandlers,
  ) {
    this.logger = new Logger(`ChangeListener ${options.channel}`);
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
  }

  /** The same server, database and credentials as a TypeORM DataSource's pool. */
  static connectionOf(db: DataSource): ClientConfig {
    const { options } = (db.driver as PostgresDriver).master as { options: ClientConfig };
    // pg-pool keeps the password as a hidden (non-enumerable) property: copy it by name.
    return { ...options, password: options.password };
  }

  get listening(): boolean {
    return this.isListening;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.goDeaf();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ ...this.connection, application_name: this.options.name });
    this.client = client;
    client.on('notification', (notice) => {
      if (notice.channel === this.options.channel && notice.payload !== undefined)
        this.handlers.notice(notice.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.heartbeat = setInterval(() => this.checkAlive(client), this.heartbeatMs);
    this.isListening = true;
    this.handlers.listening();
    if (this.failures > 0) this.logger.log(`listening again after ${this.failures} failure(s)`);
    this.failures = 0;
  }

  private checkAlive(client: Client): void {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.heartbeatMs} ms`)),
        this.heartbeatMs,
      );
    });
    Promise.race([client.query('SELECT 1'), silence])
      .catch((error: Error) => this.lost(client, error))
      .finally(() => clearTimeout(timer));
  }

  /** The connection is gone (or never came): tell the owner, and try again later. */
  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.goDeaf();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.failures++;
    const delayMs = backoffMs(this.failures, { baseMs: 250, capMs: 10_000 });
    this.logger.warn(
      `not listening (${error?.message ?? 'connection ended'}); trying again in ${delayMs} ms`,
    );
    this.retry = setTimeout(() => void this.connect(), delayMs);
  }

  private goDeaf(): void {
    this.isListening = false;
    this.handlers.deaf();
  }
}
