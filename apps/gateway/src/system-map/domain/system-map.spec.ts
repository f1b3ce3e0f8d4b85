import { bucketsOf, bucketsSince, quantileMs } from './histogram';
import { parsePrometheusText, sumOf } from './prometheus-text';
import { SystemMapAssembler, type ReplicaScrape } from './system-snapshot';

const metricsText = (requests: number, fast: number, slow: number, lag = 0, backlog = 0) => `
# HELP http_server_request_duration Duration of HTTP server requests.
# TYPE http_server_request_duration histogram
http_server_request_duration_count{http_route="/products",otel_scope_name="shop-http"} ${requests}
http_server_request_duration_bucket{http_route="/products",le="0.005"} ${fast}
http_server_request_duration_bucket{http_route="/products",le="0.1"} ${fast + slow}
http_server_request_duration_bucket{http_route="/products",le="+Inf"} ${fast + slow}
shop_outbox_backlog{otel_scope_name="shop"} ${backlog}
shop_kafka_consumer_lag{topic="orders.orders.v1",group="catalog",otel_scope_name="shop"} ${lag}
shop_kafka_consumer_lag{topic="other.v1",group="catalog",otel_scope_name="shop"} 1
`;

const ready = (consumer = true) => ({
  details: {
    database: { status: 'up' },
    kafka: { status: 'up' },
    ...(consumer ? { consumer: { group: 'catalog', state: 'member', partitions: 6 } } : {}),
  },
});

const scrape = (address: string, text: string | undefined, up = true): ReplicaScrape => ({
  service: 'catalog',
  address,
  servedBy: text === undefined ? undefined : `catalog/host-${address}`,
  ready: text === undefined ? undefined : up,
  readiness: text === undefined ? undefined : ready(),
  metrics: text === undefined ? undefined : parsePrometheusText(text),
});

const closed = {
  accounts: 'closed',
  catalog: 'closed',
  cart: 'closed',
  orders: 'closed',
  payments: 'open',
} as const;

describe('parsePrometheusText', () => {
  it('reads samples with their labels, skipping comments and broken lines', () => {
    const samples = parsePrometheusText(
      '# TYPE x counter\nx{a="1",b="two \\"quoted\\""} 3\nbroken line\ny 4.5 1700000000\nz{le="+Inf"} +Inf\n',
    );
    expect(samples).toEqual([
      { name: 'x', labels: { a: '1', b: 'two "quoted"' }, value: 3 },
      { name: 'y', labels: {}, value: 4.5 },
      { name: 'z', labels: { le: '+Inf' }, value: Infinity },
    ]);
    expect(sumOf(samples, 'x', { a: '1' })).toBe(3);
    expect(sumOf(samples, 'x', { a: '2' })).toBe(0);
  });
});

describe('histogram quantiles', () => {
  it('interpolates within the bucket the rank falls in, as histogram_quantile does', () => {
    const buckets = bucketsOf(
      parsePrometheusText(metricsText(100, 90, 10)),
      'http_server_request_duration',
    );
    expect([...buckets]).toEqual([
      [0.005, 90],
      [0.1, 100],
      [Infinity, 100],
    ]);
    // rank 95 of 100: halfway through the 5-100 ms bucket
    expect(quantileMs(buckets, 0.95)).toBeCloseTo(52.5);
    expect(quantileMs(new Map(), 0.95)).toBeNull();
  });

  it('counts only what came since the previous scrape, and a restarted counter from zero', () => {
    const before = new Map([
      [0.1, 10],
      [Infinity, 10],
    ]);
    expect([
      ...bucketsSince(
        before,
        new Map([
          [0.1, 15],
          [Infinity, 16],
        ]),
      ),
    ]).toEqual([
      [0.1, 5],
      [Infinity, 6],
    ]);
    expect([
      ...bucketsSince(
        before,
        new Map([
          [0.1, 3],
          [Infinity, 3],
        ]),
      ),
    ]).toEqual([
      [0.1, 3],
      [Infinity, 3],
    ]);
  });
});

describe('SystemMapAssembler', () => {
  it('reports requests/s and p95 from the change between rounds, per replica and per service', () => {
    const map = new SystemMapAssembler('gateway/g1');
    map.snapshot(
      0,
      [scrape('10.0.0.2', metricsText(100, 100, 0)), scrape('10.0.0.3', metricsText(0, 0, 0))],
      closed,
      ['catalog'],
    );
    const second = map.snapshot(
      2_000,
      [
        scrape('10.0.0.2', metricsText(140, 120, 20, 7, 3)),
        scrape('10.0.0.3', metricsText(20, 20, 0)),
      ],
      closed,
      ['catalog'],
    );
    const catalog = second.services[0];
    expect(catalog?.replicas.map((r) => [r.id, r.requestsPerSecond])).toEqual([
      ['catalog/host-10.0.0.2', 20],
      ['catalog/host-10.0.0.3', 10],
    ]);
    expect(catalog?.requestsPerSecond).toBe(30);
    // 40 fast and 20 slow new requests over both replicas: p95 in the slow bucket
    expect(catalog?.p95Ms).toBeGreaterThan(5);
    expect(catalog?.replicas[1]?.p95Ms).toBeLessThanOrEqual(5);
    expect(catalog?.outboxBacklog).toBe(3);
    expect(catalog?.consumerLag).toEqual({ catalog: 8 });
    expect(catalog?.replicas[0]?.consumer).toEqual({
      group: 'catalog',
      state: 'member',
      partitions: 6,
      lag: 8,
    });
    expect(second).toMatchObject({
      at: '1970-01-01T00:00:02.000Z',
      gateway: { replica: 'gateway/g1' },
      kafka: { state: 'up' },
      postgres: { state: 'up' },
    });
  });

  it('leaves event streams out of p95: a stream lasts as long as someone watches', () => {
    const withStream = (fast: number, streams: number) =>
      metricsText(fast, fast, 0) +
      `http_server_request_duration_count{http_route="/:id/events"} ${streams}
http_server_request_duration_bucket{http_route="/:id/events",le="0.005"} 0
http_server_request_duration_bucket{http_route="/:id/events",le="0.1"} 0
http_server_request_duration_bucket{http_route="/:id/events",le="+Inf"} ${streams}
`;
    const map = new SystemMapAssembler('gateway/g1');
    map.snapshot(0, [scrape('10.0.0.2', withStream(0, 0))], closed, ['catalog']);
    const second = map.snapshot(1_000, [scrape('10.0.0.2', withStream(50, 50))], closed, [
      'catalog',
    ]);
    const catalog = second.services[0];
    expect(catalog?.requestsPerSecond).toBe(100);
    expect(catalog?.p95Ms).toBeLessThanOrEqual(5);
  });

  it("shows orders' pending orders (the same count from every replica), null elsewhere", () => {
    const orders = (address: string, pending: number): ReplicaScrape => ({
      ...scrape(
        address,
        metricsText(0, 0, 0) + `shop_orders_pending{otel_scope_name="shop"} ${pending}\n`,
      ),
      service: 'orders',
    });
    const map = new SystemMapAssembler('gateway/g1');
    const snapshot = map.snapshot(
      0,
      [orders('10.0.0.4', 7), orders('10.0.0.5', 7), scrape('10.0.0.2', metricsText(0, 0, 0))],
      closed,
      ['catalog', 'orders'],
    );
    const byName = new Map(snapshot.services.map((s) => [s.name, s]));
    expect(byName.get('orders')?.pendingOrders).toBe(7);
    expect(byName.get('catalog')?.pendingOrders).toBeNull();
  });

  it('is degraded with a replica down, down with none answering, and says so per dependency', () => {
    const map = new SystemMapAssembler('gateway/g1');
    const some = map.snapshot(
      0,
      [scrape('10.0.0.2', metricsText(1, 1, 0)), scrape('10.0.0.3', undefined)],
      closed,
      ['catalog', 'payments'],
    );
    expect(some.services.map((s) => [s.name, s.health, s.circuit])).toEqual([
      ['catalog', 'degraded', 'closed'],
      ['payments', 'down', 'open'],
    ]);
    expect(some.services[0]?.replicas.find((r) => r.address === '10.0.0.3')).toMatchObject({
      id: 'catalog/10.0.0.3',
      health: 'down',
      outboxBacklog: null,
      consumer: null,
    });
    const none = map.snapshot(1_000, [scrape('10.0.0.3', undefined)], closed, ['catalog']);
    expect(none.services[0]?.health).toBe('down');
    expect(none.kafka.state).toBe('unknown');
    const kafkaDown = map.snapshot(
      2_000,
      [
        {
          ...scrape('10.0.0.2', metricsText(1, 1, 0), false),
          readiness: { details: { database: { status: 'up' }, kafka: { status: 'down' } } },
        },
      ],
      closed,
      ['catalog'],
    );
    expect([kafkaDown.kafka.state, kafkaDown.postgres.state]).toEqual(['down', 'up']);
  });
});
