import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@shop/contracts';
import { backoffMs } from '@shop/platform/errors';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';

/**
 * Creates the service's topics explicitly (the brokers run with auto-creation off) with the
 * configured partition count. Runs in the background and keeps trying, so a service starts and
 * serves REST while Kafka is still coming up.
 */
@Injectable()
export class TopicProvisioner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TopicProvisioner.name);
  private stopped = false;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.ready = this.provisionUntilDone();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** Resolves once the topics exist (or the service is shutting down). */
  whenReady(): Promise<void> {
    return this.ready ?? Promise.resolve();
  }

  async ensureTopics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const wanted = [
        ...this.options.topics,
        ...(this.options.consumes ?? []),
        ...(this.options.consumes ?? []).map((topic) =>
          deadLetterTopic(topic, this.options.clientId),
        ),
      ];
      const missing = [...new Set(wanted)].filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions,
            replicationFactor: this.options.replicationFactor,
          })),
        });
      }
      return missing;
    } finally {
      await admin.disconnect();
    }
  }

  private async provisionUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const created = await this.ensureTopics();
        if (created.length > 0) this.logger.log(`created topics ${created.join(', ')}`);
        return;
      } catch (error) {
        // Another replica may have created a topic between our list and create: try again.
        this.logger.warn(
          `topics not provisioned yet (attempt ${attempt}): ${(error as Error).message}`,
        );
        const delayMs = backoffMs(attempt, { baseMs: 250, capMs: 5_000 });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}
