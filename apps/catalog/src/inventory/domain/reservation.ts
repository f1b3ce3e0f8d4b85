/** What the checkout saga asks catalog to hold for one order. */
export interface ReservationLine {
  readonly productId: string;
  readonly quantity: number;
}

export type RejectionReason = 'OUT_OF_STOCK' | 'UNKNOWN_PRODUCT';

export interface ReservedLine extends ReservationLine {
  /** The price the order pays, taken when the stock was reserved. */
  readonly unitPriceCents: number;
}

/** Expected outcomes are values (docs/style.md §4): a rejection is a result, not an exception. */
export type ReservationOutcome =
  | { readonly status: 'RESERVED' | 'COMMITTED'; readonly lines: readonly ReservedLine[] }
  | { readonly status: 'REJECTED'; readonly reason: RejectionReason }
  | { readonly status: 'RELEASED' };

/**
 * One line per product, quantities added up, in a fixed order (by product id) so that concurrent
 * reservations lock products in the same order and cannot deadlock.
 */
export function normalizeLines(lines: readonly ReservationLine[]): ReservationLine[] {
  const byProduct = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`quantity of ${line.productId} must be a positive integer`);
    }
    byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + line.quantity);
  }
  return [...byProduct.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([productId, quantity]) => ({ productId, quantity }));
}
