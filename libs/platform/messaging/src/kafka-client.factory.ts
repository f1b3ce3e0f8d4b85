import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaOptions } from './kafka.options';
import { patchKafkajsIdleLoop } from './kafkajs-idle-loop.patch';

const logger = new Logger('Kafka');

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

/**
 * A kafkajs client: quick to notice a dead broker (3 s to connect, 10 s per request unless told
 * otherwise), patient to reconnect. The consumer has its own, with a longer request deadline
 * (consumer-group.timing.ts).
 */
export function createKafkaClient(
  options: Pick<KafkaOptions, 'clientId' | 'brokers' | 'idleLoopFix'> & {
    readonly requestTimeoutMs?: number;
  },
): Kafka {
  if (options.idleLoopFix !== false) patchKafkajsIdleLoop();
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3_000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
  });
}
