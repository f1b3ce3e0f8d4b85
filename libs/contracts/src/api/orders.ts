import type { CancelReason } from '../events/order-values';

/** Orders and payments as the public API returns them (docs/api.md, "Orders", "Payments"). */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export interface OrderItemView {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: number | null;
}

export interface OrderView {
  readonly id: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly items: OrderItemView[];
  readonly totalCents: number | null;
  readonly currency: string;
  readonly cancelReason: CancelReason | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PaymentInput {
  readonly cardNumber: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvc: string;
}

export type PaymentStatus = 'AUTHORIZED' | 'DECLINED' | 'REFUNDED';

export interface PaymentView {
  readonly id: string;
  readonly orderId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly cardLast4: string;
  readonly createdAt: string;
}

export const ORDER_MAX_LINES = 50;
export const ORDER_MAX_QUANTITY = 100;
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
