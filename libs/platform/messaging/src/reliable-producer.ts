import type { Kafka, Producer, RetryOptions } from 'kafkajs';

/**
 * The one way this platform makes a Kafka producer: idempotent with one request in flight (no
 * duplicates, no reordering when a send is retried), and never creating a topic by accident
 * (topics are provisioned explicitly, topic-provisioner.ts). Used by the outbox relay, the
 * consumer's dead-letter publisher and the dead-letter replay.
 */
export function createReliableProducer(kafka: Kafka, retry?: RetryOptions): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    ...(retry ? { retry } : {}),
  });
}
