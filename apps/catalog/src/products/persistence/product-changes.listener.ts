import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PRODUCT_CHANGES_CHANNEL } from '../../database/migrations/1764900000000-notify-product-changes';
import { ProductReadCache } from './product-read-cache';

/** How the listener names itself in pg_stat_activity (and how tests find its connection). */
export const PRODUCT_CHANGES_LISTENER_NAME = 'catalog-product-changes';

/**
 * A connection cut without a word (a partition, a host gone) raises nothing until TCP gives up,
 * minutes later; meanwhile notices would be missed. The listener asks the server every this
 * often, and counts the connection lost when no answer comes within the same time.
 */
const HEARTBEAT_MS = 2_000;

/**
 * Keeps this replica's ProductReadCache true: one dedicated connection LISTENs to the change
 * notices of the products table. The cache serves only while that connection is up; when it
 * drops, the cache is emptied and reads go to the database until the listener is back (retried
 * with back-off), so a lost connection costs speed, never correctness.
 */
@Injectable()
export class ProductChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProductChangesListener.name);
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: ProductReadCache,
  ) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.cache.disable();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.connectionConfig());
    this.client = client;
    client.on('notification', (notice) => {
      if (notice.channel === PRODUCT_CHANGES_CHANNEL && notice.payload)
        this.cache.invalidate(notice.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRODUCT_CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.cache.enable();
    this.heartbeat = setInterval(() => this.checkAlive(client), HEARTBEAT_MS);
    if (this.failures > 0) this.logger.log('product read cache listening again');
    this.failures = 0;
  }

  private checkAlive(client: Client): void {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${HEARTBEAT_MS} ms`)),
        HEARTBEAT_MS,
      );
    });
    Promise.race([client.query('SELECT 1'), silence])
      .catch((error: Error) => this.lost(client, error))
      .finally(() => clearTimeout(timer));
  }

  /** The listener's connection is gone (or never came): read through, and try again later. */
  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.cache.disable();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.failures++;
    const delayMs = Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6));
    this.logger.warn(
      `product read cache off (change notices lost: ${error?.message ?? 'connection ended'}); ` +
        `reading through, listening again in ${delayMs} ms`,
    );
    this.retry = setTimeout(() => void this.connect(), delayMs);
  }

  /** The same server, database and credentials as the DataSource's pool. */
  private connectionConfig(): ClientConfig {
    const { options } = (this.db.driver as PostgresDriver).master as { options: ClientConfig };
    // pg-pool keeps the password as a hidden (non-enumerable) property: copy it by name.
    return {
      ...options,
      password: options.password,
      application_name: PRODUCT_CHANGES_LISTENER_NAME,
    };
  }
}
