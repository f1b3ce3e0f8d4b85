import { expectEventually } from './expect-eventually';

describe('expectEventually', () => {
  it('returns the first passing result', async () => {
    let calls = 0;
    const value = await expectEventually(
      () => {
        calls++;
        if (calls < 3) throw new Error('not yet');
        return 'done';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows the last failure when time runs out', async () => {
    await expect(
      expectEventually(() => expect(1).toBe(2), { timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow(/still failing after \d+ attempts/);
  });
});
