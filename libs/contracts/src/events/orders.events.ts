import { z } from 'zod';
import { defineEvent } from './event-contract';
import { amountCents, CANCEL_REASONS, cardSummary, orderLines, uuid } from './order-values';
import { Topics } from './topics';

/** Events of the checkout saga that orders (its orchestrator) writes on orders.orders.v1. */
export const OrderEvents = {
  placed: 'OrderPlaced',
  paymentRequested: 'OrderPaymentRequested',
  confirmed: 'OrderConfirmed',
  cancelled: 'OrderCancelled',
} as const;

export const OrderPlacedV1 = defineEvent({
  type: OrderEvents.placed,
  version: 1,
  topic: Topics.ordersOrders,
  producer: 'orders',
  consumers: ['catalog'],
  summary: 'An order was placed (PENDING): catalog reserves its stock, or rejects it.',
  payload: z.object({ orderId: uuid, userId: uuid, items: orderLines }),
});
export type OrderPlacedV1 = z.infer<typeof OrderPlacedV1.payload>;

export const OrderPaymentRequestedV1 = defineEvent({
  type: OrderEvents.paymentRequested,
  version: 1,
  topic: Topics.ordersOrders,
  producer: 'orders',
  consumers: ['payments'],
  summary: 'Stock is held and priced: payments authorizes the total on the card.',
  payload: z.object({
    orderId: uuid,
    userId: uuid,
    amountCents,
    currency: z.string().length(3),
    card: cardSummary,
  }),
});
export type OrderPaymentRequestedV1 = z.infer<typeof OrderPaymentRequestedV1.payload>;

export const OrderConfirmedV1 = defineEvent({
  type: OrderEvents.confirmed,
  version: 1,
  topic: Topics.ordersOrders,
  producer: 'orders',
  consumers: ['catalog', 'cart'],
  summary:
    'The order is CONFIRMED: catalog commits the reservation, cart removes the ordered lines.',
  payload: z.object({ orderId: uuid, userId: uuid, items: orderLines }),
});
export type OrderConfirmedV1 = z.infer<typeof OrderConfirmedV1.payload>;

export const OrderCancelledV1 = defineEvent({
  type: OrderEvents.cancelled,
  version: 1,
  topic: Topics.ordersOrders,
  producer: 'orders',
  consumers: ['catalog', 'payments'],
  summary:
    'The order is CANCELLED: catalog releases any reservation, payments refunds any authorization.',
  payload: z.object({ orderId: uuid, userId: uuid, reason: z.enum(CANCEL_REASONS) }),
});
export type OrderCancelledV1 = z.infer<typeof OrderCancelledV1.payload>;
