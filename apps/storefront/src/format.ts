import type { CancelReason, OrderStatus } from '@shop/contracts';

/** Integer cents as money, e.g. 1999 USD → "$19.99"; null (not priced yet) → "—". */
export function formatPrice(cents: number | null | undefined, currency = 'USD'): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** Why an order was cancelled, in words. */
export const CANCEL_REASON_TEXT: Readonly<Record<CancelReason, string>> = {
  OUT_OF_STOCK: 'Not enough stock: some of the items sold out before they could be reserved.',
  PAYMENT_DECLINED: 'The payment was declined by the card issuer.',
  UNKNOWN_PRODUCT: 'One of the products is no longer in the catalog.',
  TIMEOUT: 'The order could not be completed in time; any stock and payment were released.',
};

export function cancelReasonText(reason: string | null | undefined): string {
  if (!reason) return 'The order was cancelled.';
  return CANCEL_REASON_TEXT[reason as CancelReason] ?? `The order was cancelled (${reason}).`;
}

export const STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  PENDING: 'Pending',
  CONFIRMED: 'Confirmed',
  CANCELLED: 'Cancelled',
};

/** Stock as a shopper reads it. */
export function stockText(stock: number): string {
  if (stock <= 0) return 'Out of stock';
  if (stock < 5) return `Only ${stock} left`;
  return `${stock} in stock`;
}

/** A card number as typed (spaces, dashes) reduced to its digits. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Pages for a product listing: 1-based current page and the page count (at least 1). */
export function paging(total: number, limit: number, offset: number) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  return { page, pages, hasPrevious: page > 1, hasNext: page < pages };
}
