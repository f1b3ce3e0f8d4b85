import type { ValueTransformer } from 'typeorm';
import { MAX_ORDER_TOTAL_CENTS } from '@shop/contracts';

/**
 * Money columns are `bigint` (a total can pass 2^31 cents); Postgres returns them as strings.
 * Every amount the contract allows is at most MAX_ORDER_TOTAL_CENTS, a safe JS integer, so it
 * maps to a number exactly; anything else is refused rather than rounded.
 */
export const bigintCents: ValueTransformer & {
  from(value: string | number | null): number | null;
} = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const cents = Number(value);
    if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_ORDER_TOTAL_CENTS)
      throw new RangeError(`amount out of range: ${value}`);
    return cents;
  },
};
