import { MAX_ORDER_TOTAL_CENTS, MAX_UNIT_PRICE_CENTS } from '@shop/contracts';
import {
  INITIAL_SAGA_STATE,
  decide,
  priceLines,
  type SagaEvent,
  type SagaState,
} from './order-saga';

const lines = [{ productId: 'p1', quantity: 2, unitPriceCents: 500 }];
const awaitingPayment: SagaState = {
  status: 'PENDING',
  step: 'AWAITING_PAYMENT',
  cancelReason: null,
};
const confirmed: SagaState = { status: 'CONFIRMED', step: 'DONE', cancelReason: null };
const cancelledOutOfStock: SagaState = {
  status: 'CANCELLED',
  step: 'DONE',
  cancelReason: 'OUT_OF_STOCK',
};
const cancelledDeclined: SagaState = {
  status: 'CANCELLED',
  step: 'DONE',
  cancelReason: 'PAYMENT_DECLINED',
};

const reserved: SagaEvent = { kind: 'StockReserved', lines };
const outOfStock: SagaEvent = { kind: 'StockReservationRejected', reason: 'OUT_OF_STOCK' };
const unknownProduct: SagaEvent = { kind: 'StockReservationRejected', reason: 'UNKNOWN_PRODUCT' };
const authorized: SagaEvent = { kind: 'PaymentAuthorized' };
const declined: SagaEvent = { kind: 'PaymentDeclined' };
const deadlinePassed: SagaEvent = { kind: 'DeadlinePassed' };
const cancelledTimeout: SagaState = { status: 'CANCELLED', step: 'DONE', cancelReason: 'TIMEOUT' };

describe('checkout saga', () => {
  describe('forward transitions', () => {
    it("a new order is pending and waits for stock: only catalog's answer moves it on", () => {
      // Payments cannot answer an order that was never priced...
      expect(decide(INITIAL_SAGA_STATE, authorized)).toEqual({ next: null, emit: [] });
      expect(decide(INITIAL_SAGA_STATE, declined)).toEqual({ next: null, emit: [] });
      // ...a reservation prices it and asks for payment, still pending without a reason.
      expect(decide(INITIAL_SAGA_STATE, reserved).next).toEqual({
        status: 'PENDING',
        step: 'AWAITING_PAYMENT',
        cancelReason: null,
      });
      expect(decide(INITIAL_SAGA_STATE, outOfStock).next?.status).toBe('CANCELLED');
    });

    it('stock reserved → waits for payment, records prices, requests payment', () => {
      expect(decide(INITIAL_SAGA_STATE, reserved)).toEqual({
        next: awaitingPayment,
        prices: lines,
        emit: ['OrderPaymentRequested'],
      });
    });

    it('payment authorized → confirmed, announces it (catalog commits, cart empties)', () => {
      expect(decide(awaitingPayment, authorized)).toEqual({
        next: confirmed,
        emit: ['OrderConfirmed'],
      });
    });
  });

  describe('failures and their compensations', () => {
    it('out of stock → cancelled OUT_OF_STOCK (catalog took nothing; release is a no-op)', () => {
      expect(decide(INITIAL_SAGA_STATE, outOfStock)).toEqual({
        next: cancelledOutOfStock,
        emit: ['OrderCancelled'],
      });
    });

    it('unknown product → cancelled UNKNOWN_PRODUCT', () => {
      expect(decide(INITIAL_SAGA_STATE, unknownProduct)).toEqual({
        next: { status: 'CANCELLED', step: 'DONE', cancelReason: 'UNKNOWN_PRODUCT' },
        emit: ['OrderCancelled'],
      });
    });

    it('payment declined → cancelled PAYMENT_DECLINED, and OrderCancelled releases the stock', () => {
      expect(decide(awaitingPayment, declined)).toEqual({
        next: cancelledDeclined,
        emit: ['OrderCancelled'],
      });
    });

    it('stock reserved for an already cancelled order → released again (no state change)', () => {
      expect(decide(cancelledDeclined, reserved)).toEqual({ next: null, emit: ['OrderCancelled'] });
    });

    it('payment authorized for an already cancelled order → refunded via OrderCancelled', () => {
      expect(decide(cancelledOutOfStock, authorized)).toEqual({
        next: null,
        emit: ['OrderCancelled'],
      });
    });
  });

  describe('the deadline (TIMEOUT)', () => {
    it.each([
      ['waiting for stock', INITIAL_SAGA_STATE],
      ['waiting for payment', awaitingPayment],
    ])('an order still %s past its deadline → cancelled TIMEOUT, releasing its stock', (_n, s) => {
      expect(decide(s, deadlinePassed)).toEqual({
        next: cancelledTimeout,
        emit: ['OrderCancelled'],
      });
    });

    it.each([
      ['confirmed', confirmed],
      ['cancelled (declined)', cancelledDeclined],
      ['cancelled (timeout)', cancelledTimeout],
    ])('a %s order is final: the deadline changes nothing', (_n, s) => {
      expect(decide(s, deadlinePassed)).toEqual({ next: null, emit: [] });
    });

    it('stock reserved after the timeout → released again via OrderCancelled', () => {
      expect(decide(cancelledTimeout, reserved)).toEqual({ next: null, emit: ['OrderCancelled'] });
    });

    it('payment authorized after the timeout → refunded via OrderCancelled', () => {
      expect(decide(cancelledTimeout, authorized)).toEqual({
        next: null,
        emit: ['OrderCancelled'],
      });
    });

    it('a late decline or rejection after the timeout changes nothing', () => {
      expect(decide(cancelledTimeout, declined)).toEqual({ next: null, emit: [] });
      expect(decide(cancelledTimeout, outOfStock)).toEqual({ next: null, emit: [] });
    });
  });

  describe('repeats and out-of-order events change nothing', () => {
    it.each([
      ['a second reservation while waiting for payment', awaitingPayment, reserved],
      ['a rejection after stock was reserved', awaitingPayment, outOfStock],
      ['a payment before stock', INITIAL_SAGA_STATE, authorized],
      ['a decline before stock', INITIAL_SAGA_STATE, declined],
      ['anything after confirmation (reserved)', confirmed, reserved],
      ['anything after confirmation (authorized)', confirmed, authorized],
      ['anything after confirmation (declined)', confirmed, declined],
      ['a rejection after cancellation', cancelledOutOfStock, outOfStock],
      ['a decline after cancellation', cancelledDeclined, declined],
    ])('%s', (_name, state, event) => {
      expect(decide(state, event)).toEqual({ next: null, emit: [] });
    });
  });
});

describe('priceLines', () => {
  it('prices every line from the reservation and derives the total', () => {
    expect(
      priceLines(
        [
          { productId: 'a', quantity: 2 },
          { productId: 'b', quantity: 1 },
        ],
        [
          { productId: 'a', quantity: 2, unitPriceCents: 250 },
          { productId: 'b', quantity: 1, unitPriceCents: 1000 },
        ],
      ),
    ).toEqual({
      items: [
        { productId: 'a', quantity: 2, unitPriceCents: 250 },
        { productId: 'b', quantity: 1, unitPriceCents: 1000 },
      ],
      totalCents: 1500,
    });
  });

  it('is exact for the largest order the contract allows (50 lines x 100 units x the highest price)', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ productId: `p${i}`, quantity: 100 }));
    const prices = items.map((i) => ({ ...i, unitPriceCents: MAX_UNIT_PRICE_CENTS }));
    const { totalCents } = priceLines(items, prices);
    expect(totalCents).toBe(500_000_000_000);
    expect(totalCents).toBe(MAX_ORDER_TOTAL_CENTS);
    expect(Number.isSafeInteger(totalCents)).toBe(true);
  });

  it('is exact past the 32-bit range (22 units at the highest price)', () => {
    expect(
      priceLines(
        [{ productId: 'a', quantity: 22 }],
        [{ productId: 'a', quantity: 22, unitPriceCents: MAX_UNIT_PRICE_CENTS }],
      ).totalCents,
    ).toBe(2_200_000_000);
  });

  it.each([
    ['above the highest price', MAX_UNIT_PRICE_CENTS + 1],
    ['negative', -1],
    ['not an integer', 10.5],
  ])('refuses a price %s', (_name, unitPriceCents) => {
    expect(() =>
      priceLines(
        [{ productId: 'a', quantity: 1 }],
        [{ productId: 'a', quantity: 1, unitPriceCents }],
      ),
    ).toThrow(RangeError);
  });

  it('refuses a line the reservation did not price', () => {
    expect(() => priceLines([{ productId: 'x', quantity: 1 }], [])).toThrow(/no reserved price/);
  });
});
