import {
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  type Consumer,
  type Kafka,
} from 'kafkajs';
import { isCoordinatorNotReady, startGroupConsumer } from './group-consumer';

/** The error kafkajs makes of a broker's error code (protocol/error.js `createErrorFromCode`). */
function brokerError(code: number): KafkaJSProtocolError {
  const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
    createErrorFromCode: (code: number) => KafkaJSProtocolError;
  };
  return createErrorFromCode(code);
}

const LOAD_IN_PROGRESS = 14;
const COORDINATOR_NOT_AVAILABLE = 15;
const NOT_COORDINATOR = 16;

describe('isCoordinatorNotReady: which errors mean the group coordinator is not ready yet', () => {
  it.each([
    ['COORDINATOR_LOAD_IN_PROGRESS (14)', LOAD_IN_PROGRESS],
    ['COORDINATOR_NOT_AVAILABLE (15)', COORDINATOR_NOT_AVAILABLE],
    ['NOT_COORDINATOR (16)', NOT_COORDINATOR],
  ])('%s, as JoinGroup answers it (the error that crashed the member)', (_name, code) => {
    const error = brokerError(code);
    expect(error.retriable).toBe(true);
    expect(isCoordinatorNotReady(error)).toBe(true);
  });

  it('the message the crash showed is COORDINATOR_LOAD_IN_PROGRESS', () => {
    const error = brokerError(LOAD_IN_PROGRESS);
    expect(error.message).toMatch(/^The coordinator is loading and hence can't process requests/);
    expect(isCoordinatorNotReady(error)).toBe(true);
  });

  it('wrapped by kafkajs with it as the cause: retries exhausted on it (retry/index.js)', () => {
    const cause = brokerError(LOAD_IN_PROGRESS);
    // kafkajs takes `cause` in these options at runtime; its typings leave it out.
    const withCause = { retryCount: 12, retryTime: 3_000, cause } as never;
    expect(isCoordinatorNotReady(new KafkaJSNumberOfRetriesExceeded(cause, withCause))).toBe(true);
    expect(isCoordinatorNotReady(new KafkaJSError(cause, withCause))).toBe(true);
    // joinAndSync's own wrapper keeps only the message: not recognised, kafkajs restarts it.
    expect(isCoordinatorNotReady(new KafkaJSError(cause))).toBe(false);
  });

  it.each([
    ['REBALANCE_IN_PROGRESS (27)', 27],
    ['UNKNOWN_MEMBER_ID (25)', 25],
    ['ILLEGAL_GENERATION (22)', 22],
    ['INVALID_SESSION_TIMEOUT (26)', 26],
    ['GROUP_AUTHORIZATION_FAILED (30)', 30],
    ['UNKNOWN_TOPIC_OR_PARTITION (3)', 3],
    ['REQUEST_TIMED_OUT (7)', 7],
  ])('not another broker error: %s', (_name, code) => {
    expect(isCoordinatorNotReady(brokerError(code))).toBe(false);
  });

  it('not an error that merely carries the name without being retriable', () => {
    expect(isCoordinatorNotReady({ type: 'GROUP_LOAD_IN_PROGRESS' })).toBe(false);
    expect(
      isCoordinatorNotReady(
        Object.assign(new Error('loading'), { type: 'GROUP_LOAD_IN_PROGRESS', retriable: false }),
      ),
    ).toBe(false);
    expect(
      isCoordinatorNotReady(new KafkaJSNonRetriableError(new Error('Invalid topic undefined'))),
    ).toBe(false);
  });

  it('not a handler bug, a connection error or nothing', () => {
    expect(isCoordinatorNotReady(new TypeError('x is undefined'))).toBe(false);
    expect(isCoordinatorNotReady(new KafkaJSError('Connection error: read ECONNRESET'))).toBe(
      false,
    );
    expect(isCoordinatorNotReady(undefined)).toBe(false);
    expect(isCoordinatorNotReady('GROUP_LOAD_IN_PROGRESS')).toBe(false);
  });
});

/** A consumer whose `run` does nothing; connect/subscribe/run/disconnect calls are counted. */
function fakeConsumer(calls: string[]): Consumer {
  return {
    connect: async () => void calls.push('connect'),
    subscribe: async () => void calls.push('subscribe'),
    run: async () => void calls.push('run'),
    disconnect: async () => void calls.push('disconnect'),
  } as unknown as Consumer;
}

/** A client whose admin answers DescribeGroups with `answers`, one per call, then succeeds. */
function fakeClient(answers: (Error | undefined)[]): Kafka {
  return {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      describeGroups: async () => {
        const answer = answers.shift();
        if (answer) throw answer;
        return { groups: [] };
      },
    }),
  } as unknown as Kafka;
}

describe('startGroupConsumer: joins only once the coordinator is ready, with backoff', () => {
  const quiet = { warn: jest.fn() };
  beforeEach(() => quiet.warn.mockClear());

  it('while the coordinator loads, the consumer is not run (no JoinGroup, so no crash): retried until it is ready', async () => {
    const calls: string[] = [];
    const backoffs: number[] = [];
    const consumer = await startGroupConsumer({
      client: fakeClient([brokerError(LOAD_IN_PROGRESS), brokerError(LOAD_IN_PROGRESS)]),
      group: 'catalog',
      topics: ['orders.v1'],
      create: () => fakeConsumer(calls),
      run: { eachMessage: async () => undefined },
      stopping: () => false,
      logger: quiet,
      backoffMs: (attempt) => (backoffs.push(attempt), 0),
    });
    expect(consumer).toBeDefined();
    expect(calls.filter((c) => c === 'run')).toHaveLength(1);
    expect(calls.join(' ')).toBe(
      'connect subscribe disconnect connect subscribe disconnect connect subscribe run',
    );
    expect(backoffs).toEqual([1, 2]);
    expect(quiet.warn.mock.calls.map(([m]) => m)).toEqual([
      expect.stringContaining('group coordinator of catalog not ready yet (attempt 1)'),
      expect.stringContaining('(attempt 2)'),
    ]);
  });

  it('stops trying once the owner stops', async () => {
    const calls: string[] = [];
    let stopping = false;
    const consumer = await startGroupConsumer({
      client: fakeClient([brokerError(LOAD_IN_PROGRESS), brokerError(LOAD_IN_PROGRESS)]),
      group: 'catalog',
      topics: ['orders.v1'],
      create: () => fakeConsumer(calls),
      run: { eachMessage: async () => undefined },
      stopping: () => stopping,
      logger: quiet,
      backoffMs: () => ((stopping = true), 0),
    });
    expect(consumer).toBeUndefined();
    expect(calls).not.toContain('run');
  });
});
