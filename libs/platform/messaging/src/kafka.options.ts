import type { TopicName } from '@shop/contracts';

export interface KafkaOptions {
  /** Client id and default consumer-group prefix: the service name. */
  readonly clientId: string;
  readonly brokers: string[];
  /** Topics this service produces or consumes; created if missing, never auto-created. */
  readonly topics: readonly TopicName[];
  readonly partitions: number;
  readonly replicationFactor: number;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
