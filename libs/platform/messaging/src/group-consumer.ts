import type { Logger } from '@nestjs/common';
import type { Consumer, ConsumerRunConfig, Kafka } from 'kafkajs';
import { backoffMs } from '@shop/platform/errors';
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
    retry: {
      ...timing.retry,
      // A coordinator not ready yet is not kafkajs' to restart (it would rejoin every 250 ms
      // without looking): the owner restarts it through `startGroupConsumer`, which waits for
      // the coordinator with the start-up backoff. Anything else retriable kafkajs restarts.
      restartOnFailure: async (error: Error) => !isCoordinatorNotReady(error),
    },
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

/**
 * The group coordinator's answers that mean "not ready yet, ask again": Kafka error codes 14
 * (COORDINATOR_LOAD_IN_PROGRESS: the broker is still loading the group's `__consumer_offsets`
 * partition, after its start or after it took that partition over), 15 (COORDINATOR_NOT_AVAILABLE:
 * the offsets topic or its leader is not there yet) and 16 (NOT_COORDINATOR: the partition moved
 * to another broker). kafkajs 2.2.4 names them by their old names.
 */
const COORDINATOR_NOT_READY = new Set([
  'GROUP_LOAD_IN_PROGRESS',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
]);

/**
 * Whether `error` is the group coordinator not being ready (see COORDINATOR_NOT_READY): a
 * transient condition of the broker, never of this consumer. The protocol error itself, or the
 * cause kafkajs wrapped it in (a retriable wrapper, or retries exhausted on it); it must be the
 * broker's retriable error (kafkajs' `retriable: true`), not merely carry its name.
 */
export function isCoordinatorNotReady(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { type, retriable, cause } = e as {
      type?: unknown;
      retriable?: unknown;
      cause?: unknown;
    };
    if (typeof type === 'string' && COORDINATOR_NOT_READY.has(type)) return retriable === true;
    e = cause;
  }
  return false;
}

/**
 * Resolves once the coordinator of `group` answers for it; throws (for the caller's backoff) while
 * it is not ready. A DescribeGroups goes to the same coordinator, and is refused for the same
 * reasons (COORDINATOR_LOAD_IN_PROGRESS while it loads the group's partition), as the JoinGroup
 * kafkajs sends first in `consumer.run`, which kafkajs does not retry on those errors
 * (consumerGroup.js `joinAndSync` bails): the consumer would crash instead of joining.
 */
export async function whenGroupCoordinatorReady(client: Kafka, group: string): Promise<void> {
  // No retries of its own: the caller's start-up backoff retries, and a stop interrupts it.
  const admin = client.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeGroups([group]);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Wait before start attempt `attempt + 1` (from 1): 500 ms, doubling, at most 5 s. */
export function startBackoffMs(attempt: number): number {
  return backoffMs(attempt, { baseMs: 250, capMs: 5_000 });
}

export interface StartGroupConsumerOptions {
  readonly client: Kafka;
  readonly group: string;
  readonly topics: readonly string[];
  /** A new consumer for each attempt (`createGroupConsumer`). */
  readonly create: () => Consumer;
  readonly run: ConsumerRunConfig;
  readonly stopping: () => boolean;
  readonly logger: Pick<Logger, 'warn'>;
  /** Between attempts (default `startBackoffMs`); for tests. */
  readonly backoffMs?: (attempt: number) => number;
}

/**
 * Starts a group consumer, again and again with backoff until it runs (or the owner stops):
 * connect, subscribe, wait for the group's coordinator, run (which resolves after the first join
 * and sync). Resolves with the running consumer, or undefined when stopped first. Used by
 * `EventConsumer` and by the rejoin tests' member processes alike.
 */
export async function startGroupConsumer(
  options: StartGroupConsumerOptions,
): Promise<Consumer | undefined> {
  const backoffMs = options.backoffMs ?? startBackoffMs;
  for (let attempt = 1; !options.stopping(); attempt++) {
    // Known before it joins, so a shutdown meanwhile disconnects it (and a crash restarts it).
    const consumer = options.create();
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await whenGroupCoordinatorReady(options.client, options.group);
      if (options.stopping()) throw new Error('stopping');
      await consumer.run(options.run);
      return consumer;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      if (options.stopping()) return undefined;
      options.logger.warn(
        isCoordinatorNotReady(error)
          ? `group coordinator of ${options.group} not ready yet (attempt ${attempt}): ${(error as Error).message}`
          : `consumer not started yet (attempt ${attempt}): ${(error as Error).message}`,
      );
      await sleep(backoffMs(attempt));
    }
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
