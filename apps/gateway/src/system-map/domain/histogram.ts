import type { Sample } from './prometheus-text';

/** A latency histogram: cumulative counts per upper bound (seconds), `+Inf` last. */
export type Buckets = ReadonlyMap<number, number>;

/** `<name>_bucket` samples summed per bound, over every series (routes, methods, statuses). */
export function bucketsOf(samples: readonly Sample[], name: string): Buckets {
  const buckets = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    const bound = s.labels['le'] === '+Inf' ? Infinity : Number(s.labels['le']);
    if (Number.isNaN(bound)) continue;
    buckets.set(bound, (buckets.get(bound) ?? 0) + s.value);
  }
  return new Map([...buckets].sort(([a], [b]) => a - b));
}

/** What was added between two scrapes of the same counters (a restart starts from zero). */
export function bucketsSince(previous: Buckets | undefined, current: Buckets): Buckets {
  const delta = new Map<number, number>();
  for (const [bound, count] of current) {
    const before = previous?.get(bound) ?? 0;
    delta.set(bound, count >= before ? count - before : count);
  }
  return delta;
}

export function addBuckets(a: Buckets, b: Buckets): Buckets {
  const sum = new Map(a);
  for (const [bound, count] of b) sum.set(bound, (sum.get(bound) ?? 0) + count);
  return new Map([...sum].sort(([x], [y]) => x - y));
}

/**
 * The q-quantile in milliseconds, interpolated within its bucket as Prometheus'
 * histogram_quantile does; null without observations. Past the last finite bound: that bound.
 */
export function quantileMs(buckets: Buckets, q: number): number | null {
  const total = buckets.get(Infinity) ?? Math.max(0, ...buckets.values());
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lowerBound * 1000;
      const inBucket = count - lowerCount;
      const fraction = inBucket > 0 ? (rank - lowerCount) / inBucket : 1;
      return (lowerBound + (bound - lowerBound) * fraction) * 1000;
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound * 1000;
}
