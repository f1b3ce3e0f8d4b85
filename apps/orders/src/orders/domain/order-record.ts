import type { CardSummary, OrderView } from '@shop/contracts';
import type { SagaStep } from './order-saga';

/** An order as stored: its public view, its saga step and what the saga still needs. */
export interface OrderRecord extends OrderView {
  readonly sagaStep: SagaStep;
  /** Last 4 and expiry, for the payment request; null once the order is final. */
  readonly card: CardSummary | null;
  readonly requestHash: string;
}

export function toView(order: OrderRecord): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items,
    totalCents: order.totalCents,
    currency: order.currency,
    cancelReason: order.cancelReason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
