import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { TopicName } from '@shop/contracts';
import type { BackendServiceConfig } from '@shop/platform/config';
import { KafkaModule } from '@shop/platform/messaging';
import { createLoggerModule } from '@shop/platform/observability';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { HealthModule } from './health.module';

export interface BackendServiceParts {
  readonly service: string;
  readonly config: BackendServiceConfig;
  readonly database: PostgresDataSourceOptions;
  /** Topics the service produces. */
  readonly topics: readonly TopicName[];
  /** Topics the service consumes (their dead-letter topics are created too). */
  readonly consumes?: readonly TopicName[];
}

/**
 * What every service with a database and Kafka imports: JSON logs, its own database (TypeORM,
 * retrying while Postgres starts), its Kafka connection, and health endpoints checking both.
 */
export function backendServiceImports(parts: BackendServiceParts): DynamicModule[] {
  const { service, config } = parts;
  return [
    createLoggerModule({ service, level: config.LOG_LEVEL }),
    TypeOrmModule.forRoot({ ...parts.database, retryAttempts: 10, retryDelay: 2_000 }),
    KafkaModule.forRoot({
      clientId: service,
      brokers: config.KAFKA_BROKERS,
      topics: parts.topics,
      consumes: parts.consumes,
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      idleLoopFix: config.KAFKAJS_IDLE_LOOP_FIX,
      consumerStallMs: config.KAFKA_CONSUMER_STALL_MS,
      outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
      inboxRetentionHours: config.INBOX_RETENTION_HOURS,
    }),
    HealthModule.forRoot({ database: true, kafka: true }),
  ];
}
