/** Pure outcome arithmetic the labs check against (no I/O). */

/** Each replica's share of the answers it served, from `x-served-by` values. */
export function replicaShares(servedBy: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const replica of servedBy) {
    counts.set(replica, (counts.get(replica) ?? 0) + 1);
    total += 1;
  }
  return new Map(
    [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => [r, n / total]),
  );
}

/**
 * Did `replicas` replicas share the traffic? Exactly that many answered, and each served at
 * least `minFraction` of a fair share (1/replicas).
 */
export function sharedFairly(
  shares: ReadonlyMap<string, number>,
  replicas: number,
  minFraction = 0.5,
): boolean {
  if (shares.size !== replicas) return false;
  return [...shares.values()].every((share) => share >= minFraction / replicas);
}

/** What the answers to one kind of request were during one phase: status → count, slowest. */
export interface Tally {
  readonly statuses: Map<number, number>;
  slowestMs: number;
}

export function record(
  tallies: Map<string, Tally>,
  probe: string,
  status: number,
  ms: number,
): void {
  const t = tallies.get(probe) ?? { statuses: new Map<number, number>(), slowestMs: 0 };
  t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
  t.slowestMs = Math.max(t.slowestMs, ms);
  tallies.set(probe, t);
}

/** How many answers a tally holds. */
export const answered = (t: Tally | undefined): number =>
  [...(t?.statuses.values() ?? [])].reduce((a, b) => a + b, 0);

export const describeTally = (t: Tally): string =>
  [...t.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${n}x ${s || 'no answer'}`)
    .join(', ') + ` (slowest ${t.slowestMs} ms)`;

/**
 * A probe that should keep working answered 2xx every time; one that should degrade answered
 * 503 every time, each within `fastMs` (a dead dependency is answered at once, not waited for).
 */
export function judgeProbe(
  t: Tally | undefined,
  shouldWork: boolean,
  fastMs = 2_000,
): { ok: boolean; why: string } {
  if (!t || t.statuses.size === 0) return { ok: false, why: 'no request was made' };
  const statuses = [...t.statuses.keys()];
  if (shouldWork) {
    const ok = statuses.every((s) => s >= 200 && s < 300);
    return { ok, why: ok ? 'kept working' : `expected 2xx only, got ${describeTally(t)}` };
  }
  const ok = statuses.every((s) => s === 503) && t.slowestMs < fastMs;
  return {
    ok,
    why: ok
      ? `503 within ${fastMs} ms`
      : `expected 503 within ${fastMs} ms, got ${describeTally(t)}`,
  };
}
