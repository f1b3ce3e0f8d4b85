import type { CartItemView, CartView } from '@shop/contracts';

/** A cart's total is always derived from its lines (integer cents, no rounding). */
export function cartOf(items: readonly CartItemView[]): CartView {
  return {
    items: [...items],
    totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    currency: 'USD',
  };
}
