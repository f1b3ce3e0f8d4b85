import type { EventContract, TopicName } from '@shop/contracts';

export interface KafkaOptions {
  /**
   * The service's name, used as it is for: the Kafka client id, the consumer group, the producer
   * named in every envelope it writes, and the middle of its dead-letter topics' names.
   */
  readonly clientId: string;
  readonly brokers: string[];
  /** Topics this service produces or consumes; created if missing, never auto-created. */
  readonly topics: readonly TopicName[];
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topics this service consumes: their dead-letter topics are provisioned too. */
  readonly consumes?: readonly TopicName[];
  /** Attempts of a failing handler (non-transient errors) before its message is dead-lettered. */
  readonly maxAttempts?: number;
  readonly retryBackoffMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  /** Runs the outbox relay in this process (default true). */
  readonly relay?: boolean;
  /** How often the relay looks for events a crash or an outage left behind. */
  readonly outboxPollMs?: number;
  /** Published outbox rows older than this are deleted (default 24 h; the backlog never is). */
  readonly outboxRetentionHours?: number;
  /**
   * Inbox rows (processed event ids) older than this are deleted (default 14 days). Must be
   * longer than the longest window in which an event can be delivered again: a redelivered
   * event whose inbox row is gone would be applied twice. Kafka keeps events (and committed
   * offsets) 7 days by default, so a consumer group reset to the earliest offset, or a dead
   * letter replayed (its original topic gets it again, and every group sees it) up to then,
   * still finds its row.
   */
  readonly inboxRetentionHours?: number;
  /** How often retention runs (default every minute); each run deletes in small batches. */
  readonly retentionIntervalMs?: number;
  /**
   * Readiness fails once the consumer has been out of its group (or a member that stopped
   * fetching) for longer than this (default 30 s: a rejoin after a kill takes about 10-25 s).
   */
  readonly consumerStallMs?: number;
  /**
   * The event contracts the outbox checks what it writes against (default: the system's,
   * EVENT_CONTRACTS in libs/contracts). Tests of the platform declare their own events here.
   */
  readonly eventContracts?: readonly EventContract[];
  /** Applies the kafkajs idle busy-loop workaround (default true; false only to measure it). */
  readonly idleLoopFix?: boolean;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
