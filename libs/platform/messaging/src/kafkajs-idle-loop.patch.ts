/**
 * Works around kafkajs 2.2.4's idle busy loop (tulios/kafkajs#1556, #1704; fix proposed in #1667
 * and #1768, unreleased: the project has had no release since 2.2.4).
 *
 * `RequestQueue.scheduleCheckPendingRequests` re-arms a timer after every check even when nothing
 * is pending and the connection is not throttled; `throttledUntil` is -1 then, so the delay is
 * negative and the timer fires after 1 ms — forever, on every broker connection. Measured here
 * (BENCHMARKS.md) that is ~5% of a core per idle service, before any traffic.
 *
 * The replacement keeps every case that needs a check (requests pending: at the end of the
 * throttle or after 10 ms, as before; throttled with nothing pending: at the end of the throttle)
 * and arms nothing when there is nothing to check. A new request re-arms it through `push`, and
 * a completed or timed-out request runs the check directly.
 */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueLike {
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  pending: unknown[];
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const PATCHED = Symbol.for('shop.kafkajs.idleLoopPatched');

function scheduleCheckPendingRequests(this: RequestQueueLike): void {
  if (this.throttleCheckTimeoutId) return;
  let delay = this.throttledUntil - Date.now();
  if (this.pending.length > 0) delay = delay > 0 ? delay : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  else if (delay <= 0) return; // nothing pending, not throttled: nothing to check later
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/** The kafkajs request queue class (its internal module; pinned kafkajs version). */
export function kafkajsRequestQueue(): { prototype: RequestQueueLike } & (new (
  options: Record<string, unknown>,
) => RequestQueueLike) {
  return require('kafkajs/src/network/requestQueue');
}

/** Applies the fix once per process; returns whether it is in place. Safe to call repeatedly. */
export function patchKafkajsIdleLoop(): boolean {
  const RequestQueue = kafkajsRequestQueue();
  const proto = RequestQueue.prototype as RequestQueueLike & { [PATCHED]?: true };
  if (!proto[PATCHED]) {
    proto.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
    proto[PATCHED] = true;
  }
  return true;
}
