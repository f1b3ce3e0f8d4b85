import type { OrderView, PaymentStatus } from '@shop/contracts';
import { cancelReasonText } from './format';

export type StepState = 'done' | 'current' | 'todo' | 'failed';

export interface ProgressStep {
  readonly label: string;
  readonly state: StepState;
}

/** What the storefront knows of an order's payment besides the order itself. */
export type PaymentKnowledge = PaymentStatus | 'none-yet' | 'unknown' | 'service-unavailable';

export interface OrderProgress {
  readonly steps: readonly ProgressStep[];
  /** One line saying where the order is, or why it stopped. */
  readonly summary: string;
  /** Set while the order waits on a part that is down. */
  readonly waitingFor?: string;
}

/**
 * The checkout saga as a shopper follows it: placed, stock reserved (the order is priced once
 * catalog reserved its stock), payment, and the outcome. The status events say PENDING,
 * CONFIRMED or CANCELLED; the steps in between are read from the order's prices and its payment.
 */
export function orderProgress(order: OrderView, payment: PaymentKnowledge): OrderProgress {
  const reserved = order.totalCents !== null;
  const reason = order.cancelReason;
  if (order.status === 'CONFIRMED')
    return {
      steps: [
        { label: 'Order placed', state: 'done' },
        { label: 'Stock reserved', state: 'done' },
        { label: 'Payment authorized', state: 'done' },
        { label: 'Confirmed', state: 'done' },
      ],
      summary: 'Your order is confirmed.',
    };
  if (order.status === 'CANCELLED') {
    const stockFailed = reason === 'OUT_OF_STOCK' || reason === 'UNKNOWN_PRODUCT';
    const paymentFailed = reason === 'PAYMENT_DECLINED';
    return {
      steps: [
        { label: 'Order placed', state: 'done' },
        { label: 'Stock reserved', state: stockFailed ? 'failed' : reserved ? 'done' : 'todo' },
        {
          label: paymentFailed ? 'Payment declined' : 'Payment',
          state: paymentFailed ? 'failed' : stockFailed ? 'todo' : reserved ? 'done' : 'todo',
        },
        { label: 'Cancelled', state: 'failed' },
      ],
      summary: cancelReasonText(reason),
    };
  }
  const paymentDown = payment === 'service-unavailable';
  return {
    steps: [
      { label: 'Order placed', state: 'done' },
      { label: 'Stock reserved', state: reserved ? 'done' : 'current' },
      {
        label: payment === 'AUTHORIZED' ? 'Payment authorized' : 'Payment',
        state: payment === 'AUTHORIZED' ? 'done' : reserved ? 'current' : 'todo',
      },
      { label: 'Confirmed', state: 'todo' },
    ],
    summary: !reserved
      ? 'Reserving stock for your order…'
      : payment === 'AUTHORIZED'
        ? 'Payment authorized; confirming your order…'
        : 'Waiting for the payment…',
    waitingFor: paymentDown
      ? 'Waiting for the payment service: it is unavailable right now. Your order is kept and completes once it is back.'
      : undefined,
  };
}
