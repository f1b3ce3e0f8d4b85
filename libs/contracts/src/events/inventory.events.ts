import { z } from 'zod';
import { ORDER_MAX_LINES } from '../api/orders';
import { defineEvent } from './event-contract';
import { pricedLine, uuid } from './order-values';
import { Topics } from './topics';

/** Catalog's answers to OrderPlaced, on catalog.inventory.v1. */
export const InventoryEvents = {
  reserved: 'StockReserved',
  rejected: 'StockReservationRejected',
} as const;

export const StockReservedV1 = defineEvent({
  type: InventoryEvents.reserved,
  version: 1,
  topic: Topics.catalogInventory,
  producer: 'catalog',
  consumers: ['orders'],
  summary: "The order's stock is held, each product priced: orders requests the payment.",
  payload: z.object({
    orderId: uuid,
    lines: z.array(pricedLine).min(1).max(ORDER_MAX_LINES),
  }),
});
export type StockReservedV1 = z.infer<typeof StockReservedV1.payload>;

export const StockReservationRejectedV1 = defineEvent({
  type: InventoryEvents.rejected,
  version: 1,
  topic: Topics.catalogInventory,
  producer: 'catalog',
  consumers: ['orders'],
  summary: 'Nothing was taken (a product is short or unknown): orders cancels the order.',
  payload: z.object({ orderId: uuid, reason: z.enum(['OUT_OF_STOCK', 'UNKNOWN_PRODUCT']) }),
});
export type StockReservationRejectedV1 = z.infer<typeof StockReservationRejectedV1.payload>;
