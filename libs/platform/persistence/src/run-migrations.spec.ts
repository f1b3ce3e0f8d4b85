import { isDatabaseStarting } from './run-migrations';

describe('isDatabaseStarting (what a starting service waits out)', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P03'])(
    'waits on %s',
    (code) => {
      expect(isDatabaseStarting(Object.assign(new Error('not yet'), { code }))).toBe(true);
    },
  );

  it.each([
    ['a wrong password', '28P01'],
    ['a missing database', '3D000'],
    ['a syntax error', '42601'],
  ])('fails at once on %s (%s)', (_what, code) => {
    expect(isDatabaseStarting(Object.assign(new Error('no'), { code }))).toBe(false);
  });

  it('fails at once on errors without a code', () => {
    expect(isDatabaseStarting(new Error('boom'))).toBe(false);
    expect(isDatabaseStarting(undefined)).toBe(false);
    expect(isDatabaseStarting(null)).toBe(false);
  });
});
