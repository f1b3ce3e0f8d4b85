import * as hdr from 'hdr-histogram-js';

/** Latencies in an HDR histogram (1 µs .. 10 min, 3 significant digits), overall and per second. */
export class LatencyRecorder {
  readonly overall = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  private readonly perSecond = new Map<number, hdr.Histogram>();
  readonly errors = new Map<string, number>();
  completed = 0;

  constructor(private readonly startedAt: number) {}

  /** `latencyMs` measured from the request's scheduled time (no coordinated omission). */
  record(latencyMs: number, at = Date.now()): void {
    const micros = Math.max(1, Math.round(latencyMs * 1000));
    this.overall.recordValue(micros);
    const second = Math.floor((at - this.startedAt) / 1000);
    let bucket = this.perSecond.get(second);
    if (!bucket) {
      bucket = hdr.build({
        lowestDiscernibleValue: 1,
        highestTrackableValue: 600_000_000,
        numberOfSignificantValueDigits: 2,
      });
      this.perSecond.set(second, bucket);
    }
    bucket.recordValue(micros);
    this.completed++;
  }

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  percentileMs(p: number, histogram: hdr.Histogram = this.overall): number {
    return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / 1000;
  }

  summary() {
    return {
      count: this.overall.totalCount,
      p50: this.percentileMs(50),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      max: this.overall.totalCount === 0 ? 0 : this.overall.maxValue / 1000,
      errors: Object.fromEntries(this.errors),
    };
  }

  series(): { second: number; count: number; p50: number; p99: number }[] {
    return [...this.perSecond.entries()]
      .sort(([a], [b]) => a - b)
      .map(([second, h]) => ({
        second,
        count: h.totalCount,
        p50: this.percentileMs(50, h),
        p99: this.percentileMs(99, h),
      }));
  }
}
