import { randomUUID } from 'node:crypto';
import { MAX_ORDER_TOTAL_CENTS } from '@shop/contracts';
import { parsePayload } from '@shop/platform/messaging';
import { OrderCancelledPayload, OrderPaymentRequestedPayload } from './order-events.payloads';

describe('order event payloads payments consumes', () => {
  const requested = (amountCents: number) => ({
    orderId: randomUUID(),
    userId: randomUUID(),
    amountCents,
    currency: 'USD',
    card: { cardLast4: '4242', expMonth: 12, expYear: 2099 },
  });

  it('accepts the largest total the contract allows (past 32 bits), exactly', () => {
    expect(parsePayload(OrderPaymentRequestedPayload, requested(MAX_ORDER_TOTAL_CENTS))).toEqual({
      ok: true,
      value: expect.objectContaining({ amountCents: 500_000_000_000 }),
    });
    expect(parsePayload(OrderPaymentRequestedPayload, requested(2_200_000_000)).ok).toBe(true);
  });

  it.each([MAX_ORDER_TOTAL_CENTS + 1, 12.5, -1])('refuses an amount of %s', (amountCents) => {
    expect(parsePayload(OrderPaymentRequestedPayload, requested(amountCents)).ok).toBe(false);
  });

  it('accepts a cancellation by TIMEOUT (refunds a late authorization)', () => {
    const cancelled = { orderId: randomUUID(), userId: randomUUID(), reason: 'TIMEOUT' };
    expect(parsePayload(OrderCancelledPayload, cancelled).ok).toBe(true);
  });
});
