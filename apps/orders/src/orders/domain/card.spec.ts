import { isExpired, passesLuhn } from './card';

describe('passesLuhn', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444'])(
    'accepts %s',
    (n) => {
      expect(passesLuhn(n)).toBe(true);
    },
  );

  it.each(['4242424242424241', '1234567890123456', '42424242', 'abcd', '4242 4242 4242 4242'])(
    'rejects %s',
    (n) => {
      expect(passesLuhn(n)).toBe(false);
    },
  );
});

describe('isExpired', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('counts the whole expiry month as valid', () => {
    expect(isExpired(11, 2026, now)).toBe(false);
    expect(isExpired(10, 2026, now)).toBe(true);
    expect(isExpired(1, 2027, now)).toBe(false);
    expect(isExpired(12, 2025, now)).toBe(true);
  });
});
