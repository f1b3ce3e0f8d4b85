// Issue 16, 2: a rolling update of catalog (start-first, health-gated) under steady reads and
// orders: no failed request, no lost or doubled order; a broken image rolls back by itself; and
// the replaced tasks shut down gracefully on SIGTERM (they leave their Kafka group, exit 0).
import { expectEventually } from '@shop/testing';

import { newProduct } from '../../../tests/e2e/src/support/shop';

import { newShopper } from '../../../tests/e2e/src/support/users';
import { expectEachConfirmedOnce } from './support/orders-check';
import { SteadyLoad } from './support/steady-load';
import {
  docker,
  pushVariant,
  runningTasks,
  specImage,
  STACK,
  tasks,
  updateStatus,
  waitConverged,
  type TaskInfo,
} from './support/swarm';

/** Shoppers of one test: each test checks exactly its own orders. */
const shoppers = async () =>
  (await Promise.all(Array.from({ length: 8 }, () => newShopper()))).map((s) => s.token);

const waitUpdate = (want: string, timeoutMs: number) =>
  expectEventually(
    async () => {
      const status = await updateStatus('catalog');
      expect(status.State).toBe(want);
      return status;
    },
    { timeoutMs, intervalMs: 2_000 },
  );

describe('rolling update of catalog', () => {
  let v2: string;
  let broken: string;
  let productId: string;

  beforeAll(async () => {
    await waitConverged();
    // v2: the same service, another image; broken: its healthcheck never passes
    v2 = await pushVariant('catalog', 'swarm-v2', [
      // a new image every run (another digest), so the update always replaces every task
      `LABEL shop.swarm.variant=v2-${Date.now()}`,
    ]);
    broken = await pushVariant('catalog', 'swarm-broken', [
      'USER root',
      `RUN printf '#!/bin/bash\\nexit 1\\n' > /usr/local/bin/service-healthcheck`,
      'USER node',
      'LABEL shop.swarm.variant=broken',
    ]);
    productId = (await newProduct(100_000)).id;
  });

  // catalog stays on v2 (the same code): `npm run cluster:up` (stack deploy) puts :dev back
  afterAll(() => waitConverged());

  it('replaces every replica under load with no failed request, and each order confirmed once', async () => {
    const before = await runningTasks('catalog');
    const load = new SteadyLoad(productId, await shoppers()).start();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const started = Date.now();
    await docker(['service', 'update', '-d', '--image', v2, `${STACK}_catalog`]);
    await waitUpdate('completed', 420_000);
    const took = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await load.stop();
    process.stdout.write(`rolling update in ${(took / 1000).toFixed(1)} s; ${load.summary()}\n`);

    const after = await runningTasks('catalog');
    expect(after).toHaveLength(3);
    expect(after.every((t) => t.image === v2)).toBe(true);
    expect(after.map((t) => t.id).filter((id) => before.some((b) => b.id === id))).toEqual([]);
    expect(load.readFailures).toEqual([]);
    expect(load.orderFailures).toEqual([]);
    await expectEachConfirmedOnce(load.orders);

    // The replaced tasks were stopped with SIGTERM (start-first: once their successor was
    // healthy) and shut down gracefully: each Kafka consumer left its group (messaging's
    // beforeApplicationShutdown), the HTTP server closed once its requests in flight were
    // answered (service-kit graceful-close.ts), and the process exited 0, neither at its own
    // SHUTDOWN_GRACE_MS deadline (exit 1) nor killed by Swarm at stop_grace_period (137).
    const old: TaskInfo[] = (await tasks('catalog')).filter((t) =>
      before.some((b) => b.id === t.id),
    );
    process.stdout.write(
      `replaced tasks' exit codes: ${JSON.stringify(old.map((t) => t.exitCode))}\n`,
    );
    expect(old).toHaveLength(before.length);
    expect(old.map((t) => t.exitCode)).toEqual(old.map(() => 0));
    for (const task of old) {
      const logs = await docker(['service', 'logs', '--raw', task.id]);
      expect(logs).toMatch(/left group catalog[^"]* in \d+ ms/);
    }
  });

  it('rolls a broken image back by itself, with no failed request', async () => {
    const before = await runningTasks('catalog');
    const load = new SteadyLoad(productId, await shoppers()).start();
    // the broken image's healthcheck fails from the start; a short start period makes it count
    // at once instead of after 90 s (the rollback restores the spec, start period included)
    await docker([
      'service',
      'update',
      '-d',
      '--image',
      broken,
      '--health-start-period',
      '5s',
      `${STACK}_catalog`,
    ]);
    const status = await waitUpdate('rollback_completed', 420_000);
    await load.stop();
    process.stdout.write(`rollback: ${status.Message}; ${load.summary()}\n`);

    expect(await specImage('catalog')).toBe(v2);
    const healthStart = await docker([
      'service',
      'inspect',
      '-f',
      '{{json .Spec.TaskTemplate.ContainerSpec.Healthcheck.StartPeriod}}',
      `${STACK}_catalog`,
    ]);
    expect(Number(healthStart)).toBe(90e9);
    await waitConverged();
    const after = await runningTasks('catalog');
    expect(after.every((t) => t.image === v2)).toBe(true);
    // start-first: the replicas the update had not reached were never stopped
    expect(after.filter((t) => before.some((b) => b.id === t.id)).length).toBeGreaterThanOrEqual(2);
    expect(load.readFailures).toEqual([]);
    expect(load.orderFailures).toEqual([]);
    await expectEachConfirmedOnce(load.orders);
  });
});
