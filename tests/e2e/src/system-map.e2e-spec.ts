// Issue 15: the live system map API (docs/api.md, "Storefront and system map"), read by the
// gateway over the compose network from each replica's readiness and metrics.
import type { SystemSnapshot } from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import { compose, kill, startExtraGateway, waitHealthy } from './support/compose';
import { gatewayUrl, getJson } from './support/gateway';
import { finalOrder, newProduct, placeOrder } from './support/shop';
import { ADMIN, login, newShopper } from './support/users';

const SERVICES = ['accounts', 'catalog', 'cart', 'orders', 'payments'];

const snapshot = async (): Promise<SystemSnapshot> => {
  const { status, body } = await getJson<SystemSnapshot>('/api/system');
  expect(status).toBe(200);
  return body;
};
const service = (s: SystemSnapshot, name: string) => s.services.find((x) => x.name === name);

/** The first `count` snapshot events of the stream, with when each arrived. */
async function streamed(
  url: string,
  count: number,
): Promise<{ snapshot: SystemSnapshot; at: number }[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { snapshot: SystemSnapshot; at: number }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (block.startsWith('event: snapshot') && data)
        events.push({ snapshot: JSON.parse(data.slice(6)) as SystemSnapshot, at: Date.now() });
    }
  }
  controller.abort();
  return events;
}

describe('system map (composed system)', () => {
  beforeAll(() => waitHealthy());

  afterAll(async () => {
    await compose('start');
    await waitHealthy();
  });

  it('shows every service with its replicas by hostname, healthy, with Kafka and Postgres up', async () => {
    const s = await expectEventually(async () => {
      const current = await snapshot();
      expect(current.services.map((x) => [x.name, x.health])).toEqual(
        SERVICES.map((name) => [name, 'up']),
      );
      return current;
    });
    expect(s.kafka.state).toBe('up');
    expect(s.postgres.state).toBe('up');
    expect(s.gateway.replica).toMatch(/^gateway\/\S+$/);
    for (const name of SERVICES) {
      const view = service(s, name);
      expect(view?.circuit).toBe('closed');
      expect(view?.replicas.length).toBeGreaterThanOrEqual(1);
      for (const replica of view?.replicas ?? []) {
        // compose names a container's host after its id: `catalog/3f2a9c0b1d4e`
        expect(replica.id).toMatch(new RegExp(`^${name}/[0-9a-f]{12}$`));
        expect(replica.health).toBe('up');
        expect(replica.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(replica.outboxBacklog).not.toBeNull();
      }
    }
    // The services that consume events report their group, its partitions and its lag (a
    // service restarted by an earlier suite may still be rejoining its group while ready).
    await expectEventually(
      async () => {
        const current = await snapshot();
        for (const name of ['catalog', 'cart', 'orders', 'payments']) {
          const consumer = service(current, name)?.replicas[0]?.consumer;
          expect(consumer).toMatchObject({ group: name, state: 'member' });
          expect(consumer?.partitions).toBeGreaterThan(0);
          expect(service(current, name)?.consumerLag).toHaveProperty(name);
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(service(s, 'accounts')?.replicas[0]?.consumer).toBeNull();
  });

  it("counts a service's requests per second and their p95 while it serves them", async () => {
    await expectEventually(
      async () => {
        await Promise.all(
          Array.from({ length: 20 }, () => getJson('/api/catalog/products?limit=5')),
        );
        const catalog = service(await snapshot(), 'catalog');
        expect(catalog?.requestsPerSecond).toBeGreaterThan(0);
        expect(catalog?.p95Ms).toBeGreaterThan(0);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  it('streams a snapshot a second', async () => {
    const events = await streamed(gatewayUrl('/api/system/events'), 3);
    expect(events).toHaveLength(3);
    const [first, second, third] = events.map((e) => Date.parse(e.snapshot.at));
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(900);
    expect(events.at(-1)?.snapshot.services).toHaveLength(5);
  });

  it('turns a killed service red and back once it is started again', async () => {
    await kill('payments');
    const killedAt = Date.now();
    const down = await expectEventually(
      async () => {
        const s = await snapshot();
        expect(service(s, 'payments')?.health).toBe('down');
        return Date.now() - killedAt;
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    process.stdout.write(`[system map] payments shown down ${down} ms after the kill\n`);
    const before = await snapshot();
    expect(service(before, 'orders')?.health).toBe('up');
    const pendingBefore = service(before, 'orders')?.pendingOrders ?? 0;

    // Orders placed meanwhile pile up as pending on orders, and drain once payments is back.
    const shopper = await newShopper();
    const product = await newProduct(10);
    const placed = await Promise.all(
      [1, 2, 3].map(() => placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }])),
    );
    expect(placed.map((p) => p.status)).toEqual([202, 202, 202]);
    await expectEventually(
      async () =>
        expect(service(await snapshot(), 'orders')?.pendingOrders).toBeGreaterThanOrEqual(
          pendingBefore + 3,
        ),
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    await compose('start', 'payments');
    await expectEventually(
      async () => expect(service(await snapshot(), 'payments')?.health).toBe('up'),
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    for (const order of placed)
      expect((await finalOrder(shopper.token, order.body.id)).status).toBe('CONFIRMED');
    await expectEventually(
      async () =>
        expect(service(await snapshot(), 'orders')?.pendingOrders).toBeLessThanOrEqual(
          pendingBefore,
        ),
      { timeoutMs: 15_000, intervalMs: 500 },
    );
  });

  it('keeps streaming through a kill: no round waits on the replica that vanished', async () => {
    const stream = streamed(gatewayUrl('/api/system/events'), 10);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await kill('payments');
    const killedAt = Date.now();
    try {
      const events = await stream;
      const gaps = events.slice(1).map((e, i) => e.at - events[i].at);
      process.stdout.write(`[system map] stream gaps around the kill: ${gaps.join(', ')} ms\n`);
      // a round is bounded by SYSTEM_MAP_TIMEOUT_MS (2 s); before the fix one stalled 10 s+
      expect(Math.max(...gaps)).toBeLessThan(6_000);
      // and one snapshot per round, not a burst of copies after a slow one
      expect(new Set(events.map((e) => e.snapshot.at)).size).toBe(events.length);
      const shownDown = events.find((e) => service(e.snapshot, 'payments')?.health === 'down');
      expect(shownDown).toBeDefined();
      expect((shownDown?.at ?? Infinity) - killedAt).toBeLessThan(6_000);
    } finally {
      await compose('start', 'payments');
    }
    await expectEventually(
      async () => expect(service(await snapshot(), 'payments')?.health).toBe('up'),
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  });

  it('is for admins only where it is not public (the gateway default)', async () => {
    const gateway = await startExtraGateway({ SYSTEM_MAP_PUBLIC: 'false' });
    try {
      const get = (token?: string) =>
        fetch(`${gateway.base}/api/system`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      const anonymous = await get();
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
      const shopper = await newShopper();
      const notAdmin = await get(shopper.token);
      expect(notAdmin.status).toBe(403);
      expect(await notAdmin.json()).toMatchObject({ code: 'FORBIDDEN' });
      const admin = await get(await login(ADMIN.email, ADMIN.password));
      expect(admin.status).toBe(200);
      expect(((await admin.json()) as SystemSnapshot).services).toHaveLength(5);
      const stream = await fetch(`${gateway.base}/api/system/events`);
      expect(stream.status).toBe(401);
    } finally {
      await gateway.stop();
    }
  });
});
