import { ORDER_MAX_LINES, ORDER_MAX_QUANTITY } from '../api/orders';

/**
 * Checkout saga events (orchestrated by orders). Past tense, versioned, ids plus minimal data;
 * never serialized entities. All are keyed by order id, so one order's events keep their order.
 */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
}

export interface PricedLine extends OrderLine {
  readonly unitPriceCents: number;
}

/** What payments needs to simulate an authorization. Never the full card number or cvc. */
export interface CardSummary {
  readonly cardLast4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/**
 * Why an order ended cancelled. `TIMEOUT`: it did not reach a final status within its deadline
 * (orders' `ORDER_DEADLINE_SECONDS`); its stock is released and a later authorization refunded.
 */
export const CANCEL_REASONS = [
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'UNKNOWN_PRODUCT',
  'TIMEOUT',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** The highest unit price catalog accepts for a product (integer cents). */
export const MAX_UNIT_PRICE_CENTS = 100_000_000;

/** The most units of one product an order can hold (every line of it, each at the maximum). */
export const MAX_ORDER_PRODUCT_QUANTITY = ORDER_MAX_LINES * ORDER_MAX_QUANTITY;

/**
 * The highest total the contract allows: 50 lines x 100 units x the highest price, 5 * 10^11
 * cents. Totals and amounts travel as JSON numbers and are stored as bigint: exact, since this is
 * far below 2^53 (`Number.MAX_SAFE_INTEGER`), but far above a 32-bit integer column's range.
 */
export const MAX_ORDER_TOTAL_CENTS = MAX_ORDER_PRODUCT_QUANTITY * MAX_UNIT_PRICE_CENTS;

export const OrderEvents = {
  placed: 'OrderPlaced',
  paymentRequested: 'OrderPaymentRequested',
  confirmed: 'OrderConfirmed',
  cancelled: 'OrderCancelled',
} as const;

/** `OrderPlaced.v1` on orders.orders.v1: catalog reserves stock. */
export interface OrderPlacedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly items: OrderLine[];
}

/** `OrderPaymentRequested.v1`: stock is held and priced; payments authorizes the total. */
export interface OrderPaymentRequestedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly card: CardSummary;
}

/** `OrderConfirmed.v1`: catalog commits the reservation, cart removes the ordered lines. */
export interface OrderConfirmedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly items: OrderLine[];
}

/** `OrderCancelled.v1`: catalog releases any reservation, payments refunds any authorization. */
export interface OrderCancelledV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly reason: CancelReason;
}

export const InventoryEvents = {
  reserved: 'StockReserved',
  rejected: 'StockReservationRejected',
} as const;

/** `StockReserved.v1` on catalog.inventory.v1. */
export interface StockReservedV1 {
  readonly orderId: string;
  readonly lines: PricedLine[];
}

/** `StockReservationRejected.v1`: nothing was taken. */
export interface StockReservationRejectedV1 {
  readonly orderId: string;
  readonly reason: 'OUT_OF_STOCK' | 'UNKNOWN_PRODUCT';
}

export const PaymentEvents = {
  authorized: 'PaymentAuthorized',
  declined: 'PaymentDeclined',
  refunded: 'PaymentRefunded',
} as const;

/** `PaymentAuthorized.v1` on payments.payments.v1. */
export interface PaymentAuthorizedV1 {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
}

/** `PaymentDeclined.v1`. */
export interface PaymentDeclinedV1 {
  readonly orderId: string;
  readonly paymentId: string;
  readonly reason: 'CARD_DECLINED' | 'INSUFFICIENT_FUNDS';
}

/** `PaymentRefunded.v1`. */
export interface PaymentRefundedV1 {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
}

export const AccountEvents = { registered: 'UserRegistered' } as const;

/** `UserRegistered.v1` on accounts.users.v1. */
export interface UserRegisteredV1 {
  readonly userId: string;
}
