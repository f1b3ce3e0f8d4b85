import { cancelReasonText, cardDigits, formatPrice, paging, stockText } from './format';

describe('storefront formatting', () => {
  it('formats integer cents as money', () => {
    expect(formatPrice(1999)).toBe('$19.99');
    expect(formatPrice(0)).toBe('$0.00');
    expect(formatPrice(123456789)).toBe('$1,234,567.89');
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice(500, 'EUR')).toBe('€5.00');
  });

  it('explains every cancel reason in words', () => {
    for (const reason of ['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'UNKNOWN_PRODUCT', 'TIMEOUT'])
      expect(cancelReasonText(reason)).not.toContain(reason);
    expect(cancelReasonText('PAYMENT_DECLINED')).toMatch(/declined/);
    expect(cancelReasonText('OUT_OF_STOCK')).toMatch(/stock/);
    expect(cancelReasonText('SOMETHING_NEW')).toContain('SOMETHING_NEW');
    expect(cancelReasonText(null)).toBe('The order was cancelled.');
  });

  it('says how much is in stock', () => {
    expect(stockText(0)).toBe('Out of stock');
    expect(stockText(3)).toBe('Only 3 left');
    expect(stockText(40)).toBe('40 in stock');
  });

  it('reduces a typed card number to digits', () => {
    expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
  });

  it('pages a listing', () => {
    expect(paging(45, 20, 0)).toEqual({ page: 1, pages: 3, hasPrevious: false, hasNext: true });
    expect(paging(45, 20, 40)).toEqual({ page: 3, pages: 3, hasPrevious: true, hasNext: false });
    expect(paging(0, 20, 0)).toEqual({ page: 1, pages: 1, hasPrevious: false, hasNext: false });
  });
});
