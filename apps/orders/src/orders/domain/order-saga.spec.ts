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

describe('checkout saga', () => {
  describe('forward transitions', () => {
    it('starts pending, waiting for stock', () => {
      expect(INITIAL_SAGA_STATE).toEqual({
        status: 'PENDING',
        step: 'AWAITING_STOCK',
        cancelReason: null,
      });
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

  it('refuses a line the reservation did not price', () => {
    expect(() => priceLines([{ productId: 'x', quantity: 1 }], [])).toThrow(/no reserved price/);
  });
});
