// Issue 16, 1: replicas spread over the nodes, and the gateway's traffic over every replica.
import type { SystemSnapshot } from '@shop/contracts';
import { expectEventually } from '@shop/testing';

import { getJson } from '../../../tests/e2e/src/support/gateway';
import { nodes, replicaId, runningTasks, waitConverged } from './support/swarm';

describe('placement on the cluster', () => {
  beforeAll(() => waitConverged());

  it('has three nodes, all ready', async () => {
    const all = await nodes();
    expect(all.filter((n) => n.status === 'Ready').length).toBeGreaterThanOrEqual(3);
  });

  it('spreads catalog x3 and payments x2 over different nodes', async () => {
    const catalog = await runningTasks('catalog');
    const payments = await runningTasks('payments');
    process.stdout.write(
      `catalog on ${catalog.map((t) => t.node).join(', ')}; payments on ${payments.map((t) => t.node).join(', ')}\n`,
    );
    expect(catalog).toHaveLength(3);
    expect(new Set(catalog.map((t) => t.node)).size).toBe(3);
    expect(payments).toHaveLength(2);
    expect(new Set(payments.map((t) => t.node)).size).toBe(2);
  });

  it("sends the gateway's catalog traffic to every catalog replica", async () => {
    const expected = (await runningTasks('catalog')).map((t) => replicaId('catalog', t)).sort();
    const servedBy = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const { status, headers } = await getJson('/api/catalog/products?limit=5');
      expect(status).toBe(200);
      const by = headers.get('x-served-by') ?? '?';
      servedBy.set(by, (servedBy.get(by) ?? 0) + 1);
    }
    process.stdout.write(`60 reads served by ${JSON.stringify(Object.fromEntries(servedBy))}\n`);
    expect([...servedBy.keys()].sort()).toEqual(expected);
    // rotated, not piled on one: each replica got a fair share
    for (const count of servedBy.values()) expect(count).toBeGreaterThanOrEqual(10);
  });

  it('lists every replica the gateway resolves by DNS in /api/system, each up', async () => {
    const expected = {
      catalog: (await runningTasks('catalog')).map((t) => replicaId('catalog', t)).sort(),
      payments: (await runningTasks('payments')).map((t) => replicaId('payments', t)).sort(),
    };
    await expectEventually(
      async () => {
        const { body } = await getJson<SystemSnapshot>('/api/system');
        for (const name of ['catalog', 'payments'] as const) {
          const service = body.services.find((s) => s.name === name);
          expect(service?.replicas.map((r) => r.id).sort()).toEqual(expected[name]);
          expect(service?.health).toBe('up');
        }
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  });
});
