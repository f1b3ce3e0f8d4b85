import { requestFingerprint } from './request-fingerprint';

const base = {
  items: [{ productId: 'A1', quantity: 2 }],
  card: { cardLast4: '4242', expMonth: 12, expYear: 2030 },
};

describe('requestFingerprint', () => {
  it('is stable for the same request', () => {
    expect(requestFingerprint(base)).toBe(requestFingerprint(structuredClone(base)));
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when items, quantities or card change', () => {
    const variants = [
      { ...base, items: [{ productId: 'A1', quantity: 3 }] },
      { ...base, items: [{ productId: 'B2', quantity: 2 }] },
      { ...base, card: { ...base.card, cardLast4: '0002' } },
      { ...base, card: { ...base.card, expYear: 2031 } },
    ];
    for (const variant of variants)
      expect(requestFingerprint(variant)).not.toBe(requestFingerprint(base));
  });
});
