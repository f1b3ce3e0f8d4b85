import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { createKafkaClient } from './kafka-client.factory';
import { KafkaHealthIndicator } from './kafka.health';
import { ConsumerHealthIndicator } from './consumer.health';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';
import { TopicProvisioner } from './topic-provisioner';
import { EventConsumer } from './event-consumer';
import { MessagingRetention } from './messaging-retention';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

/**
 * The service's Kafka connection: client, explicit topic provisioning, readiness check, outbox
 * relay, consumer, and retention of the outbox and inbox.
 */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        { provide: Kafka, useFactory: () => createKafkaClient(options) },
        TopicProvisioner,
        KafkaHealthIndicator,
        ConsumerHealthIndicator,
        OutboxRelay,
        OutboxService,
        EventConsumer,
        MessagingRetention,
      ],
      exports: [
        Kafka,
        KAFKA_OPTIONS,
        TopicProvisioner,
        KafkaHealthIndicator,
        ConsumerHealthIndicator,
        OutboxRelay,
        OutboxService,
        EventConsumer,
        MessagingRetention,
      ],
    };
  }
}
