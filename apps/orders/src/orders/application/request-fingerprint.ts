import { createHash } from 'node:crypto';

/**
 * What makes two order requests "the same body" for Idempotency-Key purposes. The card enters
 * only as last 4 digits and expiry, so no hash of a full card number is ever stored.
 */
export function requestFingerprint(request: {
  items: readonly { productId: string; quantity: number }[];
  card: { cardLast4: string; expMonth: number; expYear: number };
}): string {
  const canonical = JSON.stringify({
    items: request.items.map((i) => [i.productId.toLowerCase(), i.quantity]),
    card: [request.card.cardLast4, request.card.expMonth, request.card.expYear],
  });
  return createHash('sha256').update(canonical).digest('hex');
}
