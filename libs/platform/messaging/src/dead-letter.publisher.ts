import { Logger } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@shop/contracts';
import { createReliableProducer } from './reliable-producer';

/** Headers a dead letter carries besides the original message's own. */
export const DLT_HEADERS = {
  reason: 'x-dlt-reason',
  error: 'x-dlt-error',
  topic: 'x-dlt-original-topic',
  partition: 'x-dlt-original-partition',
  offset: 'x-dlt-original-offset',
  consumer: 'x-dlt-consumer',
  attempts: 'x-dlt-attempts',
} as const;

/** Why a message was parked. */
export type DeadLetterReason =
  'INVALID_ENVELOPE' | 'UNKNOWN_VERSION' | 'INVALID_PAYLOAD' | 'HANDLER_FAILED';

export interface DeadLetterInput {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: DeadLetterReason;
  readonly error: string;
  /** Handler attempts made (0: never handed to the handler). */
  readonly attempts: number;
}

/**
 * Parks a message its consumer group cannot handle in `<topic>.<group>.dlt`: the message as it
 * came (key, value, headers) plus why, from where, after how many attempts. Replayable with
 * `node main.js dlt replay` (dead-letters.ts).
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
  ) {}

  async publish({ topic, partition, message, reason, error, attempts }: DeadLetterInput) {
    const target = deadLetterTopic(topic, this.group);
    this.logger.error(
      `dead-lettering ${topic}[${partition}]@${message.offset} to ${target}: ${reason}: ${error}`,
    );
    this.producer ??= createReliableProducer(this.kafka);
    await this.producer.connect();
    await this.producer.send({
      topic: target,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DLT_HEADERS.reason]: reason,
            [DLT_HEADERS.error]: error.slice(0, 1000),
            [DLT_HEADERS.topic]: topic,
            [DLT_HEADERS.partition]: String(partition),
            [DLT_HEADERS.offset]: message.offset,
            [DLT_HEADERS.consumer]: this.group,
            [DLT_HEADERS.attempts]: String(attempts),
          },
        },
      ],
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }
}
