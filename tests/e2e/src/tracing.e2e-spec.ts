import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ReceivedSpan } from '@shop/testing';
import { expectEventually } from '@shop/testing';
import { compose, composeExec } from './support/compose';
import { CARDS, finalOrder, newProduct } from './support/shop';
import { newShopper } from './support/users';
import { getJson } from './support/gateway';
import type { OrderView } from '@shop/contracts';

const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

function receivedSpans(traceId: string): ReceivedSpan[] {
  const file = process.env['E2E_SPANS_FILE'];
  if (!file) throw new Error('E2E_SPANS_FILE is not set: run through tests/e2e/jest.config.js');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedSpan)
    .filter((span) => span.traceId === traceId);
}

describe('one trace per checkout (OpenTelemetry, composed system)', () => {
  it('POST /api/orders through confirmation is one unbroken trace across gateway, orders, catalog and payments', async () => {
    const shopper = await newShopper();
    const product = await newProduct(10);
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const requestId = `e2e-trace-${randomBytes(6).toString('hex')}`;
    const placed = await getJson<OrderView>('/api/orders', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${shopper.token}`,
        'idempotency-key': randomBytes(8).toString('hex'),
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }], payment: CARDS.ok }),
    });
    expect(placed.status).toBe(202);
    expect((await finalOrder(shopper.token, placed.body.id)).status).toBe('CONFIRMED');

    const spans = await expectEventually(
      () => {
        const trace = receivedSpans(traceId);
        const services = new Set(trace.map((s) => s.service));
        for (const service of ['gateway', 'orders', 'catalog', 'payments'])
          expect(services).toContain(service);
        // Kafka both ways, for every hop of the saga: orders → catalog → orders → payments → orders.
        const producers = trace.filter((s) => s.kind === SPAN_KIND.producer).map((s) => s.service);
        const consumers = trace.filter((s) => s.kind === SPAN_KIND.consumer).map((s) => s.service);
        expect(producers).toEqual(expect.arrayContaining(['orders', 'catalog', 'payments']));
        expect(consumers).toEqual(expect.arrayContaining(['orders', 'catalog', 'payments']));
        // Every span's parent is in the trace (or is the caller's span): no broken links.
        const ids = new Set([callerSpanId, ...trace.map((s) => s.spanId)]);
        expect(trace.filter((s) => !ids.has(s.parentSpanId))).toEqual([]);
        return trace;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    // The gateway's server span is the one child of the caller; the database is in the trace.
    const roots = spans.filter((s) => s.parentSpanId === callerSpanId);
    expect(roots.map((s) => [s.service, s.kind])).toEqual([['gateway', SPAN_KIND.server]]);
    const databaseServices = new Set(
      spans.filter((s) => s.attributes['db.system.name'] === 'postgresql').map((s) => s.service),
    );
    expect([...databaseServices]).toEqual(
      expect.arrayContaining(['orders', 'catalog', 'payments']),
    );
    // A consumer span continues the producer's span (parent link across Kafka).
    const bySpanId = new Map(spans.map((s) => [s.spanId, s]));
    const catalogConsumer = spans.find(
      (s) => s.service === 'catalog' && s.kind === SPAN_KIND.consumer,
    );
    // Logs of every service in the saga carry the trace id.
    const logs = await compose(
      'logs',
      '--no-color',
      '--no-log-prefix',
      'orders',
      'catalog',
      'payments',
    );
    const tracedLines = logs.split('\n').filter((line) => line.includes(`"trace_id":"${traceId}"`));
    expect(
      new Set(
        tracedLines.map(
          (line) => (JSON.parse(line.slice(line.indexOf('{'))) as { service: string }).service,
        ),
      ),
    ).toEqual(new Set(['orders', 'catalog', 'payments']));
    // The request itself: one completion line in orders with its request id, trace id and status;
    // the health probes Docker runs every few seconds get no completion line.
    const entries = logs.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>];
      } catch {
        return []; // not a log record (a migration's output, say)
      }
    });
    const completed = entries.filter(
      (e) =>
        e['service'] === 'orders' &&
        (e['req'] as { id?: string } | undefined)?.id === requestId &&
        e['res'] !== undefined,
    );
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ trace_id: traceId, res: { statusCode: 202 } });
    // (Other lines written while a probe runs, a Kafka client's reconnect say, carry its `req`.)
    expect(
      entries.filter(
        (e) =>
          e['res'] !== undefined &&
          String((e['req'] as { url?: string } | undefined)?.url).startsWith('/health'),
      ),
    ).toEqual([]);
    expect(bySpanId.get(catalogConsumer?.parentSpanId ?? '')).toMatchObject({
      service: 'orders',
      kind: SPAN_KIND.producer,
    });
  });

  it('exposes Prometheus metrics, and the saga outcome counter moves with each order', async () => {
    const scrape = (service: string) =>
      composeExec(service, [
        'node',
        '-e',
        `fetch('http://127.0.0.1:${service === 'gateway' ? 8080 : 3000}/metrics').then((r) => r.text()).then((t) => process.stdout.write(t))`,
      ]);
    const confirmedCount = (text: string) =>
      text
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('shop_saga_outcomes_total{') && line.includes('status="CONFIRMED"'),
        )
        .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);

    const before = confirmedCount(await scrape('orders'));
    const shopper = await newShopper();
    const product = await newProduct(5);
    const placed = await getJson<OrderView>('/api/orders', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${shopper.token}`,
        'idempotency-key': randomBytes(8).toString('hex'),
      },
      body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }], payment: CARDS.ok }),
    });
    await finalOrder(shopper.token, placed.body.id);
    await expectEventually(async () =>
      expect(confirmedCount(await scrape('orders'))).toBe(before + 1),
    );

    const orders = await scrape('orders');
    expect(orders).toMatch(/^shop_outbox_backlog\{/m);
    expect(orders).toMatch(/^http_server_request_duration_bucket\{/m);
    await expectEventually(
      async () => expect(await scrape('orders')).toMatch(/^shop_kafka_consumer_lag\{/m),
      { timeoutMs: 30_000 },
    );
    expect(await scrape('gateway')).toMatch(/^shop_circuit_breaker_state\{.*service="catalog"/m);
  });
});
