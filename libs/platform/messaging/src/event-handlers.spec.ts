import { OrderCancelledV1, OrderPlacedV1, PaymentAuthorizedV1 } from '@shop/contracts';
import { lagByTopic } from './consumer-lag';
import { EventHandlers } from './event-handlers';

const id = () => crypto.randomUUID();

describe('EventHandlers (one consumer group, by contract)', () => {
  const handle = async () => undefined;

  it('refuses a handler for an event whose contract does not name this group as a consumer', () => {
    const handlers = new EventHandlers('cart');
    expect(() => handlers.on(OrderPlacedV1, handle)).toThrow(
      /cart handles OrderPlaced\.v1, but its contract .* consumers: catalog/,
    );
    expect(() => new EventHandlers('orders').on(OrderCancelledV1, handle)).toThrow(
      /consumers: catalog, payments/,
    );
    const catalog = new EventHandlers('catalog');
    catalog.on(OrderPlacedV1, handle);
    expect(() => catalog.on(OrderPlacedV1, handle)).toThrow(/has a handler already/);
  });

  it('routes a known event with its payload as the schema reads it', () => {
    const handlers = new EventHandlers('catalog');
    handlers.on(OrderPlacedV1, handle);
    const payload = { orderId: id(), userId: id(), items: [{ productId: id(), quantity: 2 }] };
    const route = handlers.route({
      type: 'OrderPlaced',
      version: 1,
      payload: { ...payload, extra: true },
    });
    expect(route).toEqual({ kind: 'handle', payload, handle });
    expect(handlers.topics()).toEqual(['orders.orders.v1']);
  });

  it("passes another consumer's event by, and parks an unknown version or a broken payload", () => {
    const handlers = new EventHandlers('orders');
    handlers.on(PaymentAuthorizedV1, handle);
    expect(handlers.route({ type: 'PaymentRefunded', version: 1, payload: {} })).toEqual({
      kind: 'not-ours',
    });
    expect(handlers.route({ type: 'PaymentAuthorized', version: 2, payload: {} })).toEqual({
      kind: 'dead-letter',
      reason: 'UNKNOWN_VERSION',
      error: 'PaymentAuthorized.v2 is not handled (handled: v1)',
    });
    const broken = handlers.route({
      type: 'PaymentAuthorized',
      version: 1,
      payload: { orderId: id(), paymentId: 'x', amountCents: 1.5 },
    });
    expect(broken).toMatchObject({ kind: 'dead-letter', reason: 'INVALID_PAYLOAD' });
    expect(broken.kind === 'dead-letter' && broken.error).toMatch(/paymentId: .*amountCents: /);
  });
});

describe('lagByTopic', () => {
  it('counts what the group has not handled per topic, all of it where it committed nothing', () => {
    const lag = lagByTopic([
      { topic: 'a', partition: 0, committed: 5n, low: 0n, high: 8n },
      { topic: 'a', partition: 1, committed: -1n, low: 2n, high: 4n },
      { topic: 'b', partition: 0, committed: 9n, low: 0n, high: 9n },
    ]);
    expect([...lag]).toEqual([
      ['a', 7],
      ['b', 0],
    ]);
  });
});
