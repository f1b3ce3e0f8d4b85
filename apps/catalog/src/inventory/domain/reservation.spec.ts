import { normalizeLines } from './reservation';

describe('normalizeLines', () => {
  it('adds up repeated products and orders lines by product id', () => {
    expect(
      normalizeLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 4 },
    ]);
  });

  it('refuses non-positive or fractional quantities', () => {
    expect(() => normalizeLines([{ productId: 'a', quantity: 0 }])).toThrow(RangeError);
    expect(() => normalizeLines([{ productId: 'a', quantity: 1.5 }])).toThrow(RangeError);
    expect(() => normalizeLines([{ productId: 'a', quantity: -2 }])).toThrow(RangeError);
  });
});
