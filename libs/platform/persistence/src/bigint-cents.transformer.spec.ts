import { MAX_ORDER_TOTAL_CENTS } from '@shop/contracts';
import { bigintCents } from './bigint-cents.transformer';

describe('bigintCents', () => {
  it('maps bigint text to the exact number, up to the largest total the contract allows', () => {
    expect(bigintCents.from('2200000000')).toBe(2_200_000_000);
    expect(bigintCents.from('500000000000')).toBe(MAX_ORDER_TOTAL_CENTS);
    expect(bigintCents.from(null)).toBeNull();
  });

  it.each(['9007199254740993', '500000000001', 'twelve', '1.5'])('refuses %s', (value) => {
    expect(() => bigintCents.from(value)).toThrow(RangeError);
  });
});
