import { randomUUID } from 'node:crypto';
import { parsePayload } from '@shop/platform/messaging';
import { OrderCancelledPayload, OrderPlacedPayload } from './order-events.payloads';

describe('order event payloads catalog consumes', () => {
  it('accepts a cancellation by TIMEOUT, so the stock of a timed-out order is released', () => {
    const cancelled = { orderId: randomUUID(), userId: randomUUID(), reason: 'TIMEOUT' };
    expect(parsePayload(OrderCancelledPayload, cancelled)).toEqual({
      ok: true,
      value: expect.objectContaining({ reason: 'TIMEOUT' }),
    });
  });

  it('refuses a reason the contract does not know', () => {
    const cancelled = { orderId: randomUUID(), userId: randomUUID(), reason: 'BORED' };
    expect(parsePayload(OrderCancelledPayload, cancelled).ok).toBe(false);
  });

  it('accepts the largest order the contract allows and nothing larger', () => {
    const order = (lines: number, quantity: number) => ({
      orderId: randomUUID(),
      userId: randomUUID(),
      items: Array.from({ length: lines }, () => ({ productId: randomUUID(), quantity })),
    });
    expect(parsePayload(OrderPlacedPayload, order(50, 100)).ok).toBe(true);
    expect(parsePayload(OrderPlacedPayload, order(51, 1)).ok).toBe(false);
    expect(parsePayload(OrderPlacedPayload, order(1, 101)).ok).toBe(false);
  });
});
