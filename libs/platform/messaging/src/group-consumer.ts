import type { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { CONSUMER_GROUP_TIMING } from './consumer-group.timing';
import type { ConsumerStatus } from './consumer-status';
import { createKafkaClient } from './kafka-client.factory';

/**
 * The client a consumer group member talks through: its own, because its request deadline must
 * outlast a rebalance (consumer-group.timing.ts), which is too long for producers.
 */
export function createConsumerClient(options: {
  readonly clientId: string;
  readonly brokers: string[];
  readonly idleLoopFix?: boolean;
}): Kafka {
  return createKafkaClient({
    ...options,
    requestTimeoutMs: CONSUMER_GROUP_TIMING.requestTimeoutMs,
  });
}

export interface GroupConsumerOptions {
  readonly client: Kafka;
  readonly group: string;
  /** Told of every join, rebalance, crash and fetch. */
  readonly status: ConsumerStatus;
  readonly logger: Pick<Logger, 'log' | 'warn'>;
  /**
   * Called after a crash kafkajs does not restart from (a non-retriable error): the owner starts
   * a new consumer, or the group would lose this member for good.
   */
  readonly onCrashWithoutRestart: (crashed: Consumer) => void;
  /** Whether the owner is stopping (a crash then is expected and not restarted). */
  readonly stopping: () => boolean;
}

/**
 * A kafkajs consumer of the service's group with the group timing (consumer-group.timing.ts),
 * reporting its membership to `status`. Used by `EventConsumer`, and as is by the rejoin tests'
 * member processes, so both run exactly this.
 */
export function createGroupConsumer(options: GroupConsumerOptions): Consumer {
  const { status, logger, group } = options;
  const timing = CONSUMER_GROUP_TIMING;
  const consumer = options.client.consumer({
    groupId: group,
    allowAutoTopicCreation: false,
    sessionTimeout: timing.sessionTimeoutMs,
    heartbeatInterval: timing.heartbeatIntervalMs,
    rebalanceTimeout: timing.rebalanceTimeoutMs,
    maxWaitTimeInMs: timing.maxWaitTimeMs,
    retry: { ...timing.retry },
  });
  const { GROUP_JOIN, REBALANCING, HEARTBEAT, CRASH, FETCH_START } = consumer.events;
  consumer.on(GROUP_JOIN, ({ payload }) => {
    const assignment = payload.memberAssignment as Record<string, number[]>;
    const held = Object.entries(assignment)
      .map(([topic, partitions]) => `${topic}[${partitions.join(',')}]`)
      .join(' ');
    logger.log(
      `joined group ${group} as ${payload.memberId}${payload.isLeader ? ' (leader)' : ''} in ${payload.duration} ms, holding ${held || 'no partition'}`,
    );
    status.joined(payload.memberId, assignment);
  });
  consumer.on(REBALANCING, () => status.rebalancing());
  consumer.on(HEARTBEAT, ({ payload }) => status.heartbeat(payload.memberId));
  consumer.on(FETCH_START, () => status.polled());
  consumer.on(CRASH, ({ payload }) => {
    const message = `${payload.error.name}: ${payload.error.message}`;
    status.crashed(message);
    if (options.stopping()) return;
    logger.warn(
      `consumer crashed (${message}); ${payload.restart ? 'kafkajs restarts it' : `restarting it in ${timing.restartDelayMs} ms`}`,
    );
    if (!payload.restart) options.onCrashWithoutRestart(consumer);
  });
  return consumer;
}
