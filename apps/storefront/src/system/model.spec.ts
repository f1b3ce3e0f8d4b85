import {
  HEALTH_COLOURS,
  formatMs,
  formatRate,
  isStale,
  layoutMap,
  normaliseSnapshot,
  replicaLabel,
  serviceHealth,
} from './model';

const snapshot = {
  at: '2026-12-02T14:00:00.000Z',
  gateway: { replica: 'gateway/abc' },
  services: [
    {
      name: 'catalog',
      health: 'up',
      circuit: 'closed',
      requestsPerSecond: 12.34,
      p95Ms: 8,
      outboxBacklog: 0,
      consumerLag: { catalog: 3 },
      replicas: [
        {
          id: 'catalog/aaa',
          address: '172.18.0.5',
          health: 'up',
          requestsPerSecond: 6,
          p95Ms: 8,
          outboxBacklog: 0,
          consumer: { group: 'catalog', state: 'member', partitions: 3, lag: 1 },
        },
        { id: 'catalog/bbb', health: 'up' },
        { id: 'catalog/ccc', health: 'down' },
      ],
    },
    { name: 'orders', health: 'up', circuit: 'closed', pendingOrders: 4, replicas: [] },
    { name: 'payments', health: 'down', circuit: 'open', replicas: [] },
  ],
  kafka: { state: 'up' },
};

describe('system map model', () => {
  it('normalises a snapshot, always with the five services in order', () => {
    const s = normaliseSnapshot(snapshot);
    expect(s.services.map((x) => x.name)).toEqual([
      'accounts',
      'catalog',
      'cart',
      'orders',
      'payments',
    ]);
    expect(s.services[0].health).toBe('unknown');
    expect(s.services[1].replicas).toHaveLength(3);
    expect(s.services[1].replicas[1]).toMatchObject({ address: null, p95Ms: null, consumer: null });
    expect(s.services[1].consumerLag).toEqual({ catalog: 3 });
    expect(s.kafka).toBe('up');
    expect(s.postgres).toBe('unknown');
    expect(s.gateway.replica).toBe('gateway/abc');
    expect(s.services[3].pendingOrders).toBe(4);
    expect(s.services[1].pendingOrders).toBeNull();
  });

  it('tolerates anything', () => {
    for (const input of [null, 'x', 42, { services: 'no' }, { services: [null, { name: 5 }] }]) {
      const s = normaliseSnapshot(input);
      expect(s.services).toHaveLength(5);
      expect(s.kafka).toBe('unknown');
    }
  });

  it('colours a service by its health, its circuit and its replicas', () => {
    const [, catalog, , , payments] = normaliseSnapshot(snapshot).services;
    expect(serviceHealth(catalog)).toBe('degraded'); // one replica of three down
    expect(serviceHealth(payments)).toBe('down');
    const closedAllUp = { ...catalog, replicas: catalog.replicas.slice(0, 2) };
    expect(serviceHealth(closedAllUp)).toBe('up');
    expect(serviceHealth({ ...closedAllUp, circuit: 'half-open' })).toBe('degraded');
    expect(serviceHealth({ ...closedAllUp, circuit: 'isolated' })).toBe('down');
    expect(HEALTH_COLOURS.down.stroke).not.toBe(HEALTH_COLOURS.up.stroke);
  });

  it('lays out a column per service, a box per replica, stores beneath', () => {
    const layout = layoutMap(normaliseSnapshot(snapshot));
    expect(layout.services).toHaveLength(5);
    const catalog = layout.services[1];
    expect(catalog.replicas).toHaveLength(3);
    for (const r of catalog.replicas) {
      expect(r.x).toBeGreaterThanOrEqual(catalog.box.x);
      expect(r.y + r.height).toBeLessThanOrEqual(catalog.box.y + catalog.box.height);
    }
    // columns do not overlap
    for (let i = 1; i < layout.services.length; i++)
      expect(layout.services[i].box.x).toBeGreaterThan(
        layout.services[i - 1].box.x + layout.services[i - 1].box.width,
      );
    expect(layout.kafka.y).toBeGreaterThan(catalog.box.y + catalog.box.height);
    expect(layout.height).toBeGreaterThan(layout.postgres.y + layout.postgres.height);
    // more replicas, taller map
    const one = layoutMap(normaliseSnapshot({ services: [{ name: 'catalog', replicas: [{}] }] }));
    expect(one.height).toBeLessThan(layout.height);
  });

  it('formats the numbers', () => {
    expect(formatRate(12.34)).toBe('12.3 req/s');
    expect(formatRate(250.4)).toBe('250 req/s');
    expect(formatRate(null)).toBe('– req/s');
    expect(formatMs(8.4)).toBe('p95 8 ms');
    expect(formatMs(1530)).toBe('p95 1.5 s');
    expect(formatMs(null)).toBe('p95 –');
    expect(replicaLabel('catalog/3f2a9b1c0d4e')).toBe('3f2a9b1c0d4e');
    expect(replicaLabel('catalog/a-very-long-hostname')).toBe('a-very-long-…');
  });

  it('calls a snapshot stale after 3 s', () => {
    expect(isStale(null, 0)).toBe(true);
    expect(isStale(1000, 3000)).toBe(false);
    expect(isStale(1000, 4500)).toBe(true);
  });
});
