import { z } from 'zod';
import { defineEvent } from './event-contract';
import { amountCents, uuid } from './order-values';
import { Topics } from './topics';

/** Payments' outcomes, on payments.payments.v1. */
export const PaymentEvents = {
  authorized: 'PaymentAuthorized',
  declined: 'PaymentDeclined',
  refunded: 'PaymentRefunded',
} as const;

export const PaymentAuthorizedV1 = defineEvent({
  type: PaymentEvents.authorized,
  version: 1,
  topic: Topics.paymentsPayments,
  producer: 'payments',
  consumers: ['orders'],
  summary: 'The total is authorized on the card: orders confirms the order.',
  payload: z.object({ orderId: uuid, paymentId: uuid, amountCents }),
});
export type PaymentAuthorizedV1 = z.infer<typeof PaymentAuthorizedV1.payload>;

export const PaymentDeclinedV1 = defineEvent({
  type: PaymentEvents.declined,
  version: 1,
  topic: Topics.paymentsPayments,
  producer: 'payments',
  consumers: ['orders'],
  summary: 'The card was declined: orders cancels the order (PAYMENT_DECLINED).',
  payload: z.object({
    orderId: uuid,
    paymentId: uuid,
    reason: z.enum(['CARD_DECLINED', 'INSUFFICIENT_FUNDS']),
  }),
});
export type PaymentDeclinedV1 = z.infer<typeof PaymentDeclinedV1.payload>;

export const PaymentRefundedV1 = defineEvent({
  type: PaymentEvents.refunded,
  version: 1,
  topic: Topics.paymentsPayments,
  producer: 'payments',
  consumers: [],
  summary: "A cancelled order's authorization was refunded (for the record: nobody consumes it).",
  payload: z.object({ orderId: uuid, paymentId: uuid, amountCents }),
});
export type PaymentRefundedV1 = z.infer<typeof PaymentRefundedV1.payload>;
