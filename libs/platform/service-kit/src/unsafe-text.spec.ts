import { findUnsafeText } from './unsafe-text';

describe('findUnsafeText', () => {
  it('names the field holding a NUL byte or invalid Unicode, wherever it is', () => {
    expect(findUnsafeText({ category: 'bo\u0000oks' })).toBe('category');
    expect(findUnsafeText({ payment: { cardNumber: '4242\uD800' } })).toBe('payment.cardNumber');
    expect(findUnsafeText({ items: [{ productId: 'a' }, { productId: '\uDC00x' }] })).toBe(
      'items[1].productId',
    );
    expect(findUnsafeText({ ['k\u0000']: 1 })).toBe('k\u0000');
  });

  it('accepts ordinary text, emoji (valid surrogate pairs) and non-strings', () => {
    expect(
      findUnsafeText({ q: 'café ☕ 😀', limit: 5, tags: ['a', 'b'], none: null, ok: true }),
    ).toBeUndefined();
  });
});
