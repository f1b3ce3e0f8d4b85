import { runOpenModel } from './open-model';

describe('runOpenModel', () => {
  it('keeps the arrival rate while tasks are slow, and measures from the scheduled time', async () => {
    let started = 0;
    let startedWhenFirstFinished: number | undefined;
    const { recorder, sent } = await runOpenModel(
      async () => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 150)); // slower than the 20 ms interval
        startedWhenFirstFinished ??= started;
        return undefined;
      },
      { rate: 50, durationS: 0.4 },
    );
    expect(sent).toBe(20);
    // Slow tasks did not hold the next arrivals back (a closed loop would have started 1).
    expect(startedWhenFirstFinished).toBeGreaterThanOrEqual(4);
    expect(recorder.summary().count).toBe(20);
    expect(recorder.percentileMs(50)).toBeGreaterThanOrEqual(150);
  });

  it('counts errors by kind and caps arrivals in flight', async () => {
    const { recorder } = await runOpenModel(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return 'HTTP 503';
      },
      { rate: 100, durationS: 0.1, maxInFlight: 4 },
    );
    expect(recorder.summary().errors).toEqual({ 'HTTP 503': 4, 'client-overload': 6 });
    expect(recorder.summary().count).toBe(0);
  });
});
