import type { CancelReason, OrderStatus, PricedLine } from '@shop/contracts';

/**
 * The checkout saga, orchestrated by orders, as a pure state machine (no I/O): given the
 * order's state and what just happened, it says the next state and which events to emit.
 *
 *   AWAITING_STOCK --StockReserved--> AWAITING_PAYMENT --PaymentAuthorized--> CONFIRMED
 *        |                                  |
 *        +--StockReservationRejected--+     +--PaymentDeclined--> CANCELLED (+ release stock)
 *                                     v
 *                              CANCELLED (reason)
 *
 * Late or repeated events after the end are compensated, never applied: stock reserved for a
 * cancelled order is released, a payment authorized for it is refunded (both via OrderCancelled,
 * which catalog and payments handle idempotently).
 */
export type SagaStep = 'AWAITING_STOCK' | 'AWAITING_PAYMENT' | 'DONE';

export interface SagaState {
  readonly status: OrderStatus;
  readonly step: SagaStep;
  readonly cancelReason: CancelReason | null;
}

export type SagaEvent =
  | { readonly kind: 'StockReserved'; readonly lines: readonly PricedLine[] }
  | {
      readonly kind: 'StockReservationRejected';
      readonly reason: 'OUT_OF_STOCK' | 'UNKNOWN_PRODUCT';
    }
  | { readonly kind: 'PaymentAuthorized' }
  | { readonly kind: 'PaymentDeclined' };

export type SagaEmit = 'OrderPaymentRequested' | 'OrderConfirmed' | 'OrderCancelled';

export interface SagaDecision {
  /** The new state, or null when the order does not change. */
  readonly next: SagaState | null;
  /** Prices to record on the order (from the reservation). */
  readonly prices?: readonly PricedLine[];
  readonly emit: readonly SagaEmit[];
}

export const INITIAL_SAGA_STATE: SagaState = {
  status: 'PENDING',
  step: 'AWAITING_STOCK',
  cancelReason: null,
};

const cancelled = (reason: CancelReason): SagaState => ({
  status: 'CANCELLED',
  step: 'DONE',
  cancelReason: reason,
});
const nothing: SagaDecision = { next: null, emit: [] };

export function decide(state: SagaState, event: SagaEvent): SagaDecision {
  switch (event.kind) {
    case 'StockReserved':
      if (state.step === 'AWAITING_STOCK') {
        return {
          next: { status: 'PENDING', step: 'AWAITING_PAYMENT', cancelReason: null },
          prices: event.lines,
          emit: ['OrderPaymentRequested'],
        };
      }
      // Reserved for an order that already ended cancelled: give the stock back.
      return state.status === 'CANCELLED' ? { next: null, emit: ['OrderCancelled'] } : nothing;
    case 'StockReservationRejected':
      return state.step === 'AWAITING_STOCK'
        ? { next: cancelled(event.reason), emit: ['OrderCancelled'] }
        : nothing;
    case 'PaymentAuthorized':
      if (state.step === 'AWAITING_PAYMENT') {
        return {
          next: { status: 'CONFIRMED', step: 'DONE', cancelReason: null },
          emit: ['OrderConfirmed'],
        };
      }
      // Authorized for an order that already ended cancelled: refund it.
      return state.status === 'CANCELLED' ? { next: null, emit: ['OrderCancelled'] } : nothing;
    case 'PaymentDeclined':
      return state.step === 'AWAITING_PAYMENT'
        ? { next: cancelled('PAYMENT_DECLINED'), emit: ['OrderCancelled'] }
        : nothing;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Prices the order's lines from the reservation; the total is derived, never stored apart. */
export function priceLines<T extends { productId: string; quantity: number }>(
  items: readonly T[],
  prices: readonly PricedLine[],
): { items: (T & { unitPriceCents: number })[]; totalCents: number } {
  const byProduct = new Map(prices.map((p) => [p.productId, p.unitPriceCents]));
  const priced = items.map((item) => {
    const unitPriceCents = byProduct.get(item.productId);
    if (unitPriceCents === undefined)
      throw new Error(`no reserved price for product ${item.productId}`);
    return { ...item, unitPriceCents };
  });
  return {
    items: priced,
    totalCents: priced.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0),
  };
}
