import { verdict } from './narrator';
import { answered, judgeProbe, record, replicaShares, sharedFairly, type Tally } from './outcomes';

describe('replica shares', () => {
  it('is each replica’s fraction of the answers, by name', () => {
    const shares = replicaShares(['catalog/b', 'catalog/a', 'catalog/b', 'catalog/b']);
    expect([...shares]).toEqual([
      ['catalog/a', 0.25],
      ['catalog/b', 0.75],
    ]);
  });

  it('is fair when every expected replica served at least half a fair share', () => {
    const even = replicaShares(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(sharedFairly(even, 3)).toBe(true);
    // one replica starved (1 of 12 < half of a third)
    const skewed = replicaShares([...Array(6).fill('a'), ...Array(5).fill('b'), 'c']);
    expect(sharedFairly(skewed, 3)).toBe(false);
    // the third replica never answered
    expect(sharedFairly(replicaShares(['a', 'b']), 3)).toBe(false);
  });
});

describe('probe judgement', () => {
  const tally = (entries: [number, number][], slowestMs: number): Tally => ({
    statuses: new Map(entries),
    slowestMs,
  });

  it('counts what a phase recorded', () => {
    const phase = new Map<string, Tally>();
    record(phase, 'browse', 200, 12);
    record(phase, 'browse', 503, 40);
    record(phase, 'browse', 200, 7);
    expect(answered(phase.get('browse'))).toBe(3);
    expect(phase.get('browse')?.slowestMs).toBe(40);
    expect(answered(undefined)).toBe(0);
  });

  it('wants only 2xx from what keeps working', () => {
    expect(judgeProbe(tally([[200, 5]], 300), true).ok).toBe(true);
    expect(judgeProbe(tally([[202, 3]], 300), true).ok).toBe(true);
    expect(
      judgeProbe(
        tally(
          [
            [200, 4],
            [503, 1],
          ],
          300,
        ),
        true,
      ).ok,
    ).toBe(false);
  });

  it('wants a fast 503 from what degrades', () => {
    expect(judgeProbe(tally([[503, 5]], 150), false).ok).toBe(true);
    expect(judgeProbe(tally([[503, 5]], 2_500), false).ok).toBe(false);
    expect(judgeProbe(tally([[500, 5]], 100), false).ok).toBe(false);
    expect(
      judgeProbe(
        tally(
          [
            [503, 4],
            [200, 1],
          ],
          100,
        ),
        false,
      ).ok,
    ).toBe(false);
  });

  it('fails a probe that was never made', () => {
    expect(judgeProbe(undefined, true)).toEqual({ ok: false, why: 'no request was made' });
  });
});

describe('verdict', () => {
  it('passes only when every check passed', () => {
    const good = { name: 'a', ok: true, detail: '1' };
    const bad = { name: 'b', ok: false, detail: '2' };
    expect(verdict([good]).ok).toBe(true);
    expect(verdict([good, bad])).toEqual({
      ok: false,
      lines: ['PASS  a: 1', 'FAIL  b: 2', 'FAIL (1 of 2)'],
    });
    expect(verdict([]).ok).toBe(false);
  });
});
