import { randomUUID } from 'node:crypto';
import {
  MAX_ORDER_PRODUCT_QUANTITY,
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
} from '@shop/contracts';
import { parsePayload } from '@shop/platform/messaging';
import { PaymentAuthorizedPayload, StockReservedPayload } from './saga-events.payloads';

describe('saga event payloads (validated on consume)', () => {
  const reserved = (unitPriceCents: number, quantity = 22) => ({
    orderId: randomUUID(),
    lines: [{ productId: randomUUID(), quantity, unitPriceCents }],
  });
  const authorized = (amountCents: number) => ({
    orderId: randomUUID(),
    paymentId: randomUUID(),
    amountCents,
  });

  it('accepts the highest price, and every line of an order for one product', () => {
    expect(parsePayload(StockReservedPayload, reserved(MAX_UNIT_PRICE_CENTS)).ok).toBe(true);
    expect(
      parsePayload(StockReservedPayload, reserved(MAX_UNIT_PRICE_CENTS, MAX_ORDER_PRODUCT_QUANTITY))
        .ok,
    ).toBe(true);
  });

  it('accepts the largest total the contract allows, exactly', () => {
    const parsed = parsePayload(PaymentAuthorizedPayload, authorized(MAX_ORDER_TOTAL_CENTS));
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({ amountCents: 500_000_000_000 }),
    });
  });

  it.each([
    ['a price above catalog’s highest', reserved(MAX_UNIT_PRICE_CENTS + 1), StockReservedPayload],
    ['a fractional price', reserved(10.5), StockReservedPayload],
    [
      'a quantity no order can hold',
      reserved(1, MAX_ORDER_PRODUCT_QUANTITY + 1),
      StockReservedPayload,
    ],
    [
      'an amount above the largest total',
      authorized(MAX_ORDER_TOTAL_CENTS + 1),
      PaymentAuthorizedPayload,
    ],
    ['an amount past 2^53', authorized(2 ** 53 + 2), PaymentAuthorizedPayload],
  ] as const)('refuses %s', (_name, payload, schema) => {
    expect(parsePayload(schema as new () => object, payload).ok).toBe(false);
  });
});
