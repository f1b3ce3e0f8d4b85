import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { readGroupProgress } from './consumer-lag';
import { DLT_HEADERS } from './dead-letter.publisher';
import { createReliableProducer } from './reliable-producer';

export interface DeadLetter {
  readonly dltTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly reason: string;
  readonly error: string;
  readonly originalTopic: string;
  readonly headers: IHeaders;
}

const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString() ?? '';

/**
 * Reads a consumer group's dead-letter topics (`<topic>.<group>.dlt`) and, on `replay`, sends
 * each parked message back to its original topic. Replays are safe: every consumer's inbox
 * skips events it already applied, so only the group that failed does the work again.
 * A replayed message is committed past in the DLT (group `<group>.dlt-replay`), so a second
 * replay does not send it again.
 */
export class DeadLetters {
  private readonly kafka: Kafka;

  constructor(
    brokers: string[],
    private readonly group: string,
  ) {
    this.kafka = new Kafka({ clientId: `${group}-dlt`, brokers, logLevel: logLevel.WARN });
  }

  async topics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).filter((t) => t.endsWith(`.${this.group}.dlt`)).sort();
    } finally {
      await admin.disconnect();
    }
  }

  /** Every parked message, oldest first, without consuming anything. */
  list(): Promise<DeadLetter[]> {
    return this.read(`${this.group}.dlt-list-${randomUUID()}`, async () => undefined);
  }

  /** Sends parked messages not replayed before back to their original topics. */
  async replay(): Promise<DeadLetter[]> {
    const producer = createReliableProducer(this.kafka);
    await producer.connect();
    try {
      return await this.read(`${this.group}.dlt-replay`, async (letter) => {
        const headers = Object.fromEntries(
          Object.entries(letter.headers).filter(
            ([name]) => !Object.values(DLT_HEADERS).includes(name as never),
          ),
        );
        await producer.send({
          topic: letter.originalTopic,
          acks: -1,
          messages: [
            {
              key: letter.key,
              value: letter.value,
              headers: { ...headers, 'x-replayed-from': letter.dltTopic },
            },
          ],
        });
      });
    } finally {
      await producer.disconnect();
    }
  }

  /** Consumes the DLTs with `groupId` up to the end offsets seen at the start, then stops. */
  private async read(
    groupId: string,
    each: (letter: DeadLetter) => Promise<void>,
  ): Promise<DeadLetter[]> {
    const topics = await this.topics();
    if (topics.length === 0) return [];
    const admin = this.kafka.admin();
    await admin.connect();
    const remaining = new Map<string, bigint>();
    try {
      for (const p of await readGroupProgress(admin, groupId, topics)) {
        const start = p.committed >= 0n ? p.committed : p.low;
        if (p.high > start) remaining.set(`${p.topic}:${p.partition}`, p.high);
      }
    } finally {
      await admin.disconnect();
    }
    const letters: DeadLetter[] = [];
    if (remaining.size === 0) return letters;

    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const letter: DeadLetter = {
              dltTopic: topic,
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              reason: header(message.headers, DLT_HEADERS.reason),
              error: header(message.headers, DLT_HEADERS.error),
              originalTopic: header(message.headers, DLT_HEADERS.topic),
              headers: message.headers ?? {},
            };
            await each(letter);
            letters.push(letter);
            const end = remaining.get(`${topic}:${partition}`);
            if (end !== undefined && BigInt(message.offset) + 1n >= end)
              remaining.delete(`${topic}:${partition}`);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return letters;
  }
}
