import { z } from 'zod';
import { ORDER_MAX_LINES, ORDER_MAX_QUANTITY } from '../api/orders';

/**
 * The values the checkout saga's events share: ids, order lines, money bounds, cancel reasons.
 * Events carry ids plus minimal data, never serialized entities.
 */

/** Ids are UUIDs (api.md, "Conventions"), in any version. */
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

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

/** An amount of money in integer cents, exact as a JSON number and as a bigint column. */
export const amountCents = z.number().int().min(0).max(MAX_ORDER_TOTAL_CENTS);

/** A line as ordered: one product, how many. */
export const orderLine = z.object({
  productId: uuid,
  quantity: z.number().int().min(1).max(ORDER_MAX_QUANTITY),
});
export type OrderLine = z.infer<typeof orderLine>;

/** The lines of one order (as placed, confirmed). */
export const orderLines = z.array(orderLine).min(1).max(ORDER_MAX_LINES);

/** A line as catalog priced it: one per product, so up to every line of the order for it. */
export const pricedLine = z.object({
  productId: uuid,
  quantity: z.number().int().min(1).max(MAX_ORDER_PRODUCT_QUANTITY),
  unitPriceCents: z.number().int().min(0).max(MAX_UNIT_PRICE_CENTS),
});
export type PricedLine = z.infer<typeof pricedLine>;

/** What payments needs to simulate an authorization. Never the full card number or cvc. */
export const cardSummary = z.object({
  cardLast4: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
});
export type CardSummary = z.infer<typeof cardSummary>;

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
