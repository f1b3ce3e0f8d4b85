/**
 * One consumer group member in a process of its own, so a test can kill it for real (SIGKILL: no
 * goodbye; SIGTERM: leaves its group). It builds its consumer exactly as the services do
 * (createGroupConsumer) and reports on stdout, one JSON object per line:
 * `{"event":"joined","memberId":..,"assignment":{topic:[partitions]}}`, `{"event":"consumed",
 * "partition":..,"value":..}`, `{"event":"join-request"}` (a JoinGroup answered),
 * `{"event":"crashed","error":..}`, `{"event":"left","ms":..}`.
 *
 * Run by consumer-rejoin.integration-spec.ts as `node --import tsx group-member.process.ts`, with
 * MEMBER_BROKERS, MEMBER_GROUP, MEMBER_TOPIC and MEMBER_NAME set.
 */
import type { Consumer } from 'kafkajs';
import { ConsumerStatus } from '../consumer-status';
import { createConsumerClient, createGroupConsumer, startGroupConsumer } from '../group-consumer';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const group = env('MEMBER_GROUP');
const topic = env('MEMBER_TOPIC');
const name = env('MEMBER_NAME');
const report = (event: string, fields: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, member: name, at: Date.now(), ...fields })}\n`);
};

const client = createConsumerClient({ clientId: name, brokers: env('MEMBER_BROKERS').split(',') });
const status = new ConsumerStatus(group);
let stopping = false;
let consumer: Consumer | undefined;
const logger = {
  log: (message: string) => report('log', { message }),
  warn: (message: string) => report('warn', { message }),
};

/** A new consumer of the group, reporting (created again for each start attempt). */
function create(): Consumer {
  consumer = createGroupConsumer({
    client,
    group,
    status,
    logger,
    stopping: () => stopping,
    onCrashWithoutRestart: () => void start(),
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    report('joined', { memberId: payload.memberId, assignment: payload.memberAssignment }),
  );
  // Answered JoinGroup requests: a new member's first is answered at once (MEMBER_ID_REQUIRED)
  // and the real one follows, so after this the member is in the middle of joining.
  consumer.on(consumer.events.REQUEST, ({ payload }) => {
    if (payload.apiName === 'JoinGroup') report('join-request');
  });
  // Every crash kafkajs reports, whatever its cause: the tests expect none.
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    report('crashed', { error: `${payload.error.name}: ${payload.error.message}` }),
  );
  return consumer;
}

/** Started as the services start theirs: retried with backoff until the coordinator is ready. */
async function start(): Promise<void> {
  await startGroupConsumer({
    client,
    group,
    topics: [topic],
    create,
    run: {
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ partition, message }) => {
        report('consumed', { partition, value: message.value?.toString() });
      },
    },
    stopping: () => stopping,
    logger,
  });
}

process.once('SIGTERM', () => {
  stopping = true;
  const started = Date.now();
  void (consumer?.disconnect() ?? Promise.resolve()).finally(() => {
    report('left', { ms: Date.now() - started });
    process.exit(0);
  });
});

start().catch((error: Error) => {
  report('failed', { error: error.message });
  process.exit(1);
});
