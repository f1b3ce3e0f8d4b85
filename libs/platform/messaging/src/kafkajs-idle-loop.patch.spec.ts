import { kafkajsRequestQueue, patchKafkajsIdleLoop } from './kafkajs-idle-loop.patch';

// Captured before any test applies the patch.
const original = kafkajsRequestQueue().prototype.scheduleCheckPendingRequests;
const quietLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue() {
  const RequestQueue = kafkajsRequestQueue();
  const queue = new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 1_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'localhost:9092',
    logger: quietLogger,
  });
  const check = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
  return { queue, check };
}

describe('kafkajs idle loop patch', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('the unpatched queue re-arms a 1 ms timer with nothing to do (the bug it works around)', () => {
    const { queue, check } = newQueue();
    original.call(queue);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
    clearTimeout(queue.throttleCheckTimeoutId ?? undefined);
  });

  it('arms nothing when nothing is pending and the connection is not throttled', () => {
    expect(patchKafkajsIdleLoop()).toBe(true);
    const { queue, check } = newQueue();
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    jest.advanceTimersByTime(1_000);
    expect(check).not.toHaveBeenCalled();
  });

  it('checks pending requests after 10 ms when they wait on in-flight limits', () => {
    patchKafkajsIdleLoop();
    const { queue, check } = newQueue();
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(9);
    expect(check).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('checks at the end of a broker throttle, with or without pending requests', () => {
    patchKafkajsIdleLoop();
    for (const pending of [[{}], []]) {
      const { queue, check } = newQueue();
      queue.pending.push(...pending);
      queue.throttledUntil = Date.now() + 250;
      queue.scheduleCheckPendingRequests();
      jest.advanceTimersByTime(249);
      expect(check).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(check).toHaveBeenCalledTimes(1);
    }
  });

  it('never arms a second timer while one is armed', () => {
    patchKafkajsIdleLoop();
    const { queue, check } = newQueue();
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    const first = queue.throttleCheckTimeoutId;
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBe(first);
    jest.advanceTimersByTime(10);
    expect(check).toHaveBeenCalledTimes(1);
  });
});
