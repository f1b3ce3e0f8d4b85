import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { isBrokerTrouble } from './outbox.relay';

/** What kafkajs's retrier throws when it gives up: the error, with the original as its cause. */
const gaveUp = (cause: Error) => Object.assign(new KafkaJSNonRetriableError(cause), { cause });

const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ message: type, type, code: 1, retriable } as never);

describe('isBrokerTrouble (the relay stops the pass instead of blaming a row)', () => {
  it.each([
    ['a connection error', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ['a request timeout', new KafkaJSRequestTimeoutError('Request Produce(key: 0) timed out')],
    [
      'retries exhausted on a connection error',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('down'), {
        retryCount: 5,
        retryTime: 100,
      }),
    ],
    [
      'a retriable protocol error (not enough replicas) after retries',
      gaveUp(protocolError('NOT_ENOUGH_REPLICAS', true)),
    ],
  ])('%s is broker trouble', (_name, error) => {
    expect(isBrokerTrouble(error)).toBe(true);
  });

  it.each([
    ['a message too large', protocolError('MESSAGE_TOO_LARGE', false)],
    [
      'a message too large, wrapped by the retrier',
      gaveUp(protocolError('MESSAGE_TOO_LARGE', false)),
    ],
    ['a serialization error', new TypeError('Do not know how to serialize a BigInt')],
  ])('%s is the row’s own problem', (_name, error) => {
    expect(isBrokerTrouble(error)).toBe(false);
  });
});
