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

/** One kafkajs client per process; quick to notice a dead broker, patient to reconnect. */
export function createKafkaClient(
  options: Pick<KafkaOptions, 'clientId' | 'brokers' | 'idleLoopFix'>,
): Kafka {
  if (options.idleLoopFix !== false) patchKafkajsIdleLoop();
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
  });
}
