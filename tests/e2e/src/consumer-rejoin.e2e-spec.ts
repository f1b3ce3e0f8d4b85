import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describeGroupMembersCommand, expectEventually, parseGroupMembers } from '@shop/testing';
import { compose, composeExec, kill, projectName, upHealthy, waitHealthy } from './support/compose';
import { finalOrder, newProduct, placeOrder } from './support/shop';
import { newShopper } from './support/users';

const run = promisify(execFile);

/**
 * Issue 18: a consumer service killed (once, or twice within 10 s; with or without Kafka or
 * Postgres going down around it) consumes every partition again within 45 s, without a crash
 * loop; stopped with SIGTERM, its partitions are owned again within 5 s.
 *
 * "Every partition" is shown by outcome: orders are placed until one sits on each partition
 * (events are keyed by order id; the partition is computed with kafkajs' default partitioner,
 * as the services' producers do), and each must reach CONFIRMED, which needs catalog to consume
 * its OrderPlaced from that partition.
 */
const PARTITIONS = 6;
const REJOIN_BOUND_MS = 45_000;

const partitionOf = (() => {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: PARTITIONS }, (_, p) => ({
    partitionId: p,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));
  return (orderId: string) =>
    partitioner({ topic: 'orders', partitionMetadata, message: { key: orderId, value: null } });
})();

describe('Kafka consumers rejoin within seconds after kills (composed system)', () => {
  let shopper: Awaited<ReturnType<typeof newShopper>>;
  let productId: string;

  beforeAll(async () => {
    await waitHealthy();
    shopper = await newShopper();
    productId = (await newProduct(100_000, 300)).id;
  });

  afterEach(async () => {
    await compose('up', '-d', '--no-recreate', '--scale', 'catalog=1', 'catalog');
    await compose('start');
    await waitHealthy();
  });

  /** Places orders until every partition holds at least one; returns their ids. */
  async function ordersOnEveryPartition(): Promise<string[]> {
    const covered = new Set<number>();
    const ids: string[] = [];
    for (let i = 0; i < 80 && covered.size < PARTITIONS; i++) {
      // Orders (the only service placing needs) may still be reconnecting to its database.
      const placed = await expectEventually(
        async () => {
          const response = await placeOrder(shopper.token, [{ productId, quantity: 1 }]);
          expect(response.status).toBe(202);
          return response;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      ids.push(placed.body.id);
      covered.add(partitionOf(placed.body.id));
    }
    expect(covered.size).toBe(PARTITIONS);
    return ids;
  }

  async function expectConfirmedBy(ids: string[], deadline: number): Promise<void> {
    for (const id of ids) {
      const order = await finalOrder(shopper.token, id, Math.max(1_000, deadline - Date.now()));
      expect(order.status).toBe('CONFIRMED');
    }
    expect(Date.now()).toBeLessThanOrEqual(deadline);
  }

  /** The log lines of a container since a moment (docker's own timestamps). */
  async function logsSince(container: string, since: number): Promise<string> {
    const { stdout, stderr } = await run(
      'docker',
      ['logs', '--since', new Date(since).toISOString(), container],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    return stdout + stderr;
  }

  const catalog1 = () => `${projectName()}-catalog-1`;

  /**
   * Starts a killed service's container again without waiting for anything (`compose start`
   * would wait for its dependencies to be healthy first).
   */
  const start = async (service: string) => {
    await run('docker', ['start', `${projectName()}-${service}-1`]);
  };

  async function waitServiceHealthy(service: string): Promise<void> {
    await upHealthy(service);
  }

  /** Kills catalog, starts it, kills it again while it is starting (within 10 s), starts it. */
  async function killTwiceWithin10s(): Promise<void> {
    const firstKill = Date.now();
    await kill('catalog');
    await start('catalog');
    // The second kill lands while the new process boots or joins its group.
    await expectEventually(
      async () => {
        const lines = await logsSince(catalog1(), firstKill);
        if (Date.now() - firstKill < 7_000) expect(lines).toMatch(/listening on|consuming/);
      },
      { timeoutMs: 8_000, intervalMs: 250 },
    );
    await kill('catalog');
    expect(Date.now() - firstKill).toBeLessThan(10_000);
  }

  async function expectMemberHoldingAll(group: string): Promise<void> {
    const members = await expectEventually(
      async () => {
        const rows = parseGroupMembers(
          group,
          await composeExec('kafka', describeGroupMembersCommand(group)),
        );
        expect(rows.reduce((sum, m) => sum + m.partitions, 0)).toBe(PARTITIONS);
        return rows;
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    expect(members).toHaveLength(1);
  }

  it('catalog SIGKILLed, restarted and SIGKILLed again within 10 s, restarted: every partition consumed within 45 s, no crash loop', async () => {
    await killTwiceWithin10s();
    const restartedAt = Date.now();
    await start('catalog');
    const ids = await ordersOnEveryPartition();

    await expectConfirmedBy(ids, restartedAt + REJOIN_BOUND_MS);
    await expectMemberHoldingAll('catalog');
    const log = await logsSince(catalog1(), restartedAt);
    expect(log).not.toMatch(/Crash:|Restarting the consumer|consumer crashed/);
    expect(log).toMatch(/joined group catalog/);
  });

  it('catalog SIGKILLed twice with Kafka killed and restarted around it: every partition consumed within 45 s of both being back', async () => {
    await kill('kafka');
    await killTwiceWithin10s();
    await start('kafka');
    await waitServiceHealthy('kafka');
    const backAt = Date.now();
    await start('catalog');
    const ids = await ordersOnEveryPartition();

    await expectConfirmedBy(ids, backAt + REJOIN_BOUND_MS);
    await expectMemberHoldingAll('catalog');
    // Every consumer knows it is a member again, also those that carried on with their
    // generation after the coordinator came back (no new join): readiness must not wait for
    // one that never comes and turn the service down 30 s later.
    await expectEventually(
      async () => {
        for (const service of ['catalog', 'cart', 'orders', 'payments'])
          expect({
            service,
            state: (await readiness(`${projectName()}-${service}-1`))?.state,
          }).toEqual({
            service,
            state: 'member',
          });
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
  });

  it('catalog SIGKILLed with Postgres killed and restarted around it: every partition consumed within 45 s of both being back', async () => {
    await kill('postgres');
    await kill('catalog');
    await start('postgres');
    await waitServiceHealthy('postgres');
    const backAt = Date.now();
    await start('catalog');
    const ids = await ordersOnEveryPartition();

    await expectConfirmedBy(ids, backAt + REJOIN_BOUND_MS);
    await expectMemberHoldingAll('catalog');
  });

  it('SIGTERM (docker stop) of one of two catalog replicas: the other owns every partition within 5 s', async () => {
    await upHealthy('catalog', 2);
    const heldBy = async (container: string): Promise<number> =>
      (await readiness(container))?.partitions ?? 0;
    const second = `${projectName()}-catalog-2`;
    await expectEventually(
      async () => {
        expect(await heldBy(catalog1())).toBeGreaterThan(0);
        expect(await heldBy(second)).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const stoppedAt = Date.now();
    await run('docker', ['stop', second]);
    const ms = await expectEventually(
      async () => {
        expect(await heldBy(catalog1())).toBe(PARTITIONS);
        return Date.now() - stoppedAt;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(ms).toBeLessThan(5_000);
    expect(await logsSince(second, stoppedAt)).toMatch(/left group catalog in \d+ ms/);

    const ids = await ordersOnEveryPartition();
    await expectConfirmedBy(ids, Date.now() + 30_000);
  });
});

/** The consumer part of a service container's own `/health/ready` answer. */
async function readiness(container: string): Promise<ConsumerReadiness | undefined> {
  const ready = await run('docker', ['exec', container, 'bash', '-c', READY_REQUEST]);
  const body = JSON.parse(ready.stdout.slice(ready.stdout.indexOf('{'))) as ReadyBody;
  return body.details?.consumer;
}

interface ConsumerReadiness {
  partitions?: number;
  state?: string;
}

interface ReadyBody {
  details?: { consumer?: ConsumerReadiness };
}

/** GET /health/ready inside a service container, in bash (no node start-up per poll). */
const READY_REQUEST = `exec 3<>/dev/tcp/127.0.0.1/\${PORT:-3000} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && cat <&3`;
