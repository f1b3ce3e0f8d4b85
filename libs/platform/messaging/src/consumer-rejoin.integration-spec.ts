import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { expectEventually, sharedKafkaBrokers } from '@shop/testing';

/**
 * Consumer group members in processes of their own (testing/group-member.process.ts, built by
 * createGroupConsumer exactly as the services build theirs), killed for real on a real broker:
 * the group must own every partition again within seconds, and never loop.
 */
const PARTITIONS = 6;
const MEMBER_SCRIPT = join(__dirname, 'testing', 'group-member.process.ts');
const ALL = Array.from({ length: PARTITIONS }, (_, p) => p);

interface Report {
  readonly event: string;
  readonly member: string;
  readonly at: number;
  readonly assignment?: Record<string, number[]>;
  readonly partition?: number;
  readonly value?: string;
  readonly error?: string;
  readonly ms?: number;
}

class Member {
  readonly reports: Report[] = [];
  private readonly process: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    group: string,
    topic: string,
  ) {
    this.process = spawn(process.execPath, ['--import', 'tsx', MEMBER_SCRIPT], {
      cwd: join(__dirname, '../../../..'),
      env: {
        ...process.env,
        MEMBER_BROKERS: sharedKafkaBrokers().join(','),
        MEMBER_GROUP: group,
        MEMBER_TOPIC: topic,
        MEMBER_NAME: name,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.process.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        try {
          this.reports.push(JSON.parse(line) as Report);
        } catch {
          // a log line that happens to start with a brace
        }
      }
    });
    this.process.stderr?.resume();
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }

  /** Partitions held since its last join (none before it joins). */
  held(topic: string): number[] {
    const joins = this.reports.filter((r) => r.event === 'joined');
    return joins.at(-1)?.assignment?.[topic] ?? [];
  }

  consumedSince(at: number): Set<number> {
    return new Set(
      this.reports
        .filter((r) => r.event === 'consumed' && r.at >= at)
        .map((r) => r.partition as number),
    );
  }

  crashes(): Report[] {
    return this.reports.filter((r) => r.event === 'crashed');
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    this.process.kill(signal);
    await this.exited;
  }

  stopNow(): void {
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}

describe('consumer group rejoin after kills (real Kafka, members in their own processes)', () => {
  const kafka = new Kafka({
    clientId: 'rejoin-test',
    brokers: sharedKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let producer: Producer;
  const members: Member[] = [];
  let run = 0;

  beforeAll(async () => {
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    for (const member of members.splice(0)) member.stopNow();
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  async function freshGroup(): Promise<{ group: string; topic: string }> {
    run++;
    const topic = `test.rejoin.${Date.now()}.${run}.v1`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    });
    return { group: `rejoin-${Date.now()}-${run}`, topic };
  }

  function start(name: string, group: string, topic: string): Member {
    const member = new Member(name, group, topic);
    members.push(member);
    return member;
  }

  /** One message on every partition: proof that whoever holds it really consumes it. */
  async function produceToEveryPartition(topic: string, label: string): Promise<void> {
    await producer.send({
      topic,
      messages: ALL.map((partition) => ({ partition, value: `${label}-${partition}` })),
    });
  }

  /** Waits until `member` alone holds every partition and has consumed one message from each. */
  async function ownsAndConsumesAll(
    member: Member,
    topic: string,
    since: number,
    timeoutMs: number,
  ) {
    await produceToEveryPartition(topic, `after-${since}`);
    return expectEventually(
      () => {
        expect(member.held(topic).sort()).toEqual(ALL);
        expect([...member.consumedSince(since)].sort()).toEqual(ALL);
        return Date.now() - since;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Waits until `member` holds `partitions` partitions of `topic` since its last join. */
  async function joined(member: Member, topic: string, partitions: number): Promise<void> {
    await expectEventually(() => expect(member.held(topic).length).toBe(partitions), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
  }

  /** A fresh group of two members, `a` then `b`, each holding half of the partitions. */
  async function twoMembersSharing(): Promise<{ a: Member; b: Member; topic: string }> {
    const { group, topic } = await freshGroup();
    const a = start('a', group, topic);
    await joined(a, topic, PARTITIONS);
    const b = start('b', group, topic);
    await joined(b, topic, PARTITIONS / 2);
    await joined(a, topic, PARTITIONS / 2);
    return { a, b, topic };
  }

  it('a member killed with SIGKILL: the survivor owns and consumes all its partitions within the session timeout and a few seconds', async () => {
    const { a, b, topic } = await twoMembersSharing();

    const killedAt = Date.now();
    await b.kill('SIGKILL');
    const ms = await ownsAndConsumesAll(a, topic, killedAt, 30_000);

    expect(ms).toBeLessThan(20_000);
    expect(a.crashes()).toEqual([]);
  });

  it('the only member killed, restarted, killed again within 10 s and restarted: the last one owns every partition within 45 s, without crashing', async () => {
    const { group, topic } = await freshGroup();
    const first = start('first', group, topic);
    await joined(first, topic, PARTITIONS);
    await produceToEveryPartition(topic, 'before');
    await expectEventually(() => expect(first.consumedSince(0).size).toBe(PARTITIONS));

    const killedAt = Date.now();
    await first.kill('SIGKILL');
    const second = start('second', group, topic);
    // Killed while it is joining: its JoinGroup waits on the dead first member's session.
    await expectEventually(() =>
      expect(second.reports.some((r) => r.event === 'join-request')).toBe(true),
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await second.kill('SIGKILL');
    const startedAt = Date.now();
    const third = start('third', group, topic);

    const ms = await ownsAndConsumesAll(third, topic, startedAt, 45_000);
    expect(ms).toBeLessThan(45_000);
    expect(third.crashes()).toEqual([]);
  });

  it('a member stopped with SIGTERM leaves its group: the other owns its partitions within 5 s', async () => {
    const { a, b, topic } = await twoMembersSharing();

    const stoppedAt = Date.now();
    await b.kill('SIGTERM');
    expect(b.reports.some((r) => r.event === 'left')).toBe(true);
    const ms = await ownsAndConsumesAll(a, topic, stoppedAt, 15_000);

    expect(ms).toBeLessThan(5_000);
    expect(a.crashes()).toEqual([]);
  });
});
