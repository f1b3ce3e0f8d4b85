import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it('starts at the base, doubles, and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, { baseMs: 250, capMs: 5_000 }));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000]);
  });

  it('stays at the cap for any later attempt, and treats a negative attempt as the first', () => {
    expect(backoffMs(5_000, { baseMs: 100, capMs: 2_000 })).toBe(2_000);
    expect(backoffMs(-3, { baseMs: 100, capMs: 2_000 })).toBe(100);
  });
});
