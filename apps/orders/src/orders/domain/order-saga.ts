import {
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
  type CancelReason,
  type OrderStatus,
  type PricedLine,
} from '@shop/contracts';

// Totals are JS numbers (and bigint in the database): exact only while below 2^53.
if (!Number.isSafeInteger(MAX_ORDER_TOTAL_CENTS))
  throw new Error(`MAX_ORDER_TOTAL_CENTS ${MAX_ORDER_TOTAL_CENTS} is not a safe integer`);

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
 * Every order ends: one still PENDING (either step) when its deadline passes is cancelled with
 * TIMEOUT, and OrderCancelled releases whatever stock catalog holds for it.
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
  | { readonly kind: 'PaymentDeclined' }
  /** The order's deadline passed (orders' sweeper). */
  | { readonly kind: 'DeadlinePassed' };

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
    case 'DeadlinePassed':
      return state.status === 'PENDING'
        ? { next: cancelled('TIMEOUT'), emit: ['OrderCancelled'] }
        : nothing;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/**
 * Prices the order's lines from the reservation; the total is derived, never stored apart.
 * Exact for every order the contract allows (at most MAX_ORDER_TOTAL_CENTS, a safe integer); a
 * price outside catalog's bounds is refused rather than summed.
 */
export function priceLines<T extends { productId: string; quantity: number }>(
  items: readonly T[],
  prices: readonly PricedLine[],
): { items: (T & { unitPriceCents: number })[]; totalCents: number } {
  const byProduct = new Map(prices.map((p) => [p.productId, p.unitPriceCents]));
  const priced = items.map((item) => {
    const unitPriceCents = byProduct.get(item.productId);
    if (unitPriceCents === undefined)
      throw new Error(`no reserved price for product ${item.productId}`);
    if (
      !Number.isInteger(unitPriceCents) ||
      unitPriceCents < 0 ||
      unitPriceCents > MAX_UNIT_PRICE_CENTS
    )
      throw new RangeError(`price of ${item.productId} out of range: ${unitPriceCents}`);
    return { ...item, unitPriceCents };
  });
  const totalCents = priced.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
  if (!Number.isSafeInteger(totalCents) || totalCents > MAX_ORDER_TOTAL_CENTS)
    throw new RangeError(`order total out of range: ${totalCents}`);
  return { items: priced, totalCents };
}
