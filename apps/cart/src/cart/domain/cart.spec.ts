import { cartOf } from './cart';

describe('cartOf', () => {
  it('is empty with a zero total for a new user', () => {
    expect(cartOf([])).toEqual({ items: [], totalCents: 0, currency: 'USD' });
  });

  it('adds up quantity times the snapshot price of each line', () => {
    const cart = cartOf([
      { productId: 'a', name: 'A', quantity: 3, unitPriceCents: 1999 },
      { productId: 'b', name: 'B', quantity: 1, unitPriceCents: 50 },
    ]);
    expect(cart.totalCents).toBe(3 * 1999 + 50);
    expect(cart.items).toHaveLength(2);
  });
});
