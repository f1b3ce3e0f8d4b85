import { LatencyRecorder } from './latency-recorder';

/** Returned by a task that recorded its latency itself (e.g. up to an intermediate step). */
export const RECORDED = 'recorded';

export interface OpenModelOptions {
  /** Arrivals per second, fixed whatever the system's speed (open model). */
  readonly rate: number;
  readonly durationS: number;
  /** Cap on arrivals still running; past it an arrival is counted as `client-overload`. */
  readonly maxInFlight?: number;
  readonly onSecond?: (elapsedS: number, recorder: LatencyRecorder, inFlight: number) => void;
}

/**
 * Runs `task` at a fixed arrival rate. Each arrival has a scheduled time; its latency is measured
 * from that time, not from when it was actually sent, so a stalled system cannot hide its
 * stalls by slowing the load down (no coordinated omission). `task` returns the error kind, or
 * undefined on success.
 */
export async function runOpenModel(
  task: (scheduledAt: number, recorder: LatencyRecorder) => Promise<string | undefined>,
  options: OpenModelOptions,
): Promise<{ recorder: LatencyRecorder; sent: number; elapsedS: number }> {
  const startedAt = Date.now();
  const recorder = new LatencyRecorder(startedAt);
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.durationS);
  const maxInFlight = options.maxInFlight ?? 2_000;
  const running = new Set<Promise<void>>();
  let sent = 0;
  let lastSecond = 0;

  for (let i = 0; i < total; i++) {
    const scheduledAt = startedAt + i * interval;
    const wait = scheduledAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const second = Math.floor((Date.now() - startedAt) / 1000);
    if (second > lastSecond) {
      lastSecond = second;
      options.onSecond?.(second, recorder, running.size);
    }
    if (running.size >= maxInFlight) {
      recorder.error('client-overload');
      continue;
    }
    sent++;
    const arrival = task(scheduledAt, recorder)
      .then((outcome) => {
        if (outcome === RECORDED) return; // the task recorded its own latency
        if (outcome) recorder.error(outcome);
        else recorder.record(Date.now() - scheduledAt);
      })
      .catch((error: Error) => recorder.error(error.name))
      .finally(() => running.delete(arrival));
    running.add(arrival);
  }
  await Promise.all(running);
  return { recorder, sent, elapsedS: (Date.now() - startedAt) / 1000 };
}
