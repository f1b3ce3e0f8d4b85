/**
 * The simulated card processor (docs/api.md test cards). Expected outcomes are values: a decline is
 * a result, not an exception. It sees only the last 4 digits; the full number never leaves
 * the orders service's request handling.
 */
export type Authorization =
  | { readonly status: 'AUTHORIZED' }
  | { readonly status: 'DECLINED'; readonly reason: 'CARD_DECLINED' | 'INSUFFICIENT_FUNDS' };

const DECLINES: Record<string, Authorization> = {
  '0002': { status: 'DECLINED', reason: 'CARD_DECLINED' }, // 4000000000000002
  '9995': { status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' }, // 4000000000009995
};

export function authorize(cardLast4: string): Authorization {
  return DECLINES[cardLast4] ?? { status: 'AUTHORIZED' };
}
