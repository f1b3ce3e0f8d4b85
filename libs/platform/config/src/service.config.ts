import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ToBoolean, ToInt, ToList } from './env-transforms';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every HTTP service has, the gateway included. */
export class HttpServiceConfig {
  @ToInt() @IsInt() @Min(0) @Max(65535) readonly PORT: number = 3000;
  @IsString() @IsNotEmpty() readonly HOST: string = '0.0.0.0';
  @IsIn(LOG_LEVELS) readonly LOG_LEVEL: LogLevel = 'info';
  /** Adds `x-served-by: <service>/<hostname>` to every response (docs/api.md, "Conventions"). */
  @ToBoolean() @IsBoolean() readonly SERVED_BY_HEADER: boolean = false;
  /** How long in-flight requests get to finish on SIGTERM before the process exits. */
  @ToInt() @IsInt() @Min(0) @Max(120_000) readonly SHUTDOWN_GRACE_MS: number = 10_000;
  /**
   * `serve` applies the service's pending migrations (under an advisory lock) before it starts;
   * false when something else runs `node main.js migrate` first (a deploy job, say).
   */
  @ToBoolean() @IsBoolean() readonly MIGRATE_ON_START: boolean = true;
}

/** Settings of a service that owns a Postgres database and talks to Kafka. */
export class BackendServiceConfig extends HttpServiceConfig {
  @IsString() @IsNotEmpty() readonly DB_HOST: string = 'localhost';
  @ToInt() @IsInt() @Min(1) @Max(65535) readonly DB_PORT: number = 5432;
  @IsString() @IsNotEmpty() readonly DB_NAME!: string;
  @IsString() @IsNotEmpty() readonly DB_USER!: string;
  @IsString() @IsNotEmpty() readonly DB_PASSWORD!: string;
  @ToInt() @IsInt() @Min(1) @Max(200) readonly DB_POOL_SIZE: number = 10;
  @ToInt() @IsInt() @Min(100) @Max(600_000) readonly DB_STATEMENT_TIMEOUT_MS: number = 5_000;
  @ToList()
  @ArrayNotEmpty()
  @Matches(/^[^\s:,]+:\d{1,5}$/, { each: true, message: 'each broker must be host:port' })
  readonly KAFKA_BROKERS: string[] = ['localhost:9092'];
  @ToInt() @IsInt() @Min(1) @Max(1000) readonly KAFKA_TOPIC_PARTITIONS: number = 6;
  @ToInt() @IsInt() @Min(1) @Max(5) readonly KAFKA_REPLICATION_FACTOR: number = 1;
  /**
   * Readiness fails once the service's consumer has been out of its group (or a member that
   * stopped fetching) for longer than this: a rejoin after a kill takes about 10-25 s.
   */
  @ToInt() @IsInt() @Min(1_000) @Max(600_000) readonly KAFKA_CONSUMER_STALL_MS: number = 30_000;
  /** kafkajs idle busy-loop workaround (libs/platform/messaging); false only to measure it. */
  @ToBoolean() @IsBoolean() readonly KAFKAJS_IDLE_LOOP_FIX: boolean = true;
  /** Published outbox rows are deleted after this many hours (never unpublished ones). */
  @ToInt() @IsInt() @Min(1) @Max(87_600) readonly OUTBOX_RETENTION_HOURS: number = 24;
  /**
   * Inbox rows (event ids already applied) are deleted after this many hours. It must outlive
   * any redelivery or replay of an event (Kafka keeps events 7 days by default), or a replayed
   * event would be applied twice: at least a day, 14 days by default.
   */
  @ToInt() @IsInt() @Min(24) @Max(87_600) readonly INBOX_RETENTION_HOURS: number = 336;
  /** Accounts' public keys, for verifying access tokens. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  readonly AUTH_JWKS_URL: string = 'http://localhost:3001/.well-known/jwks.json';
}
