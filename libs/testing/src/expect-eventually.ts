export interface EventuallyOptions {
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Wait between attempts (default 200 ms). */
  readonly intervalMs?: number;
}

/**
 * Polls `assertion` until it stops throwing and returns its result; on timeout rethrows the last
 * failure, so the test reports what was still wrong. Use instead of sleeping.
 */
export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 200 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() + intervalMs > deadline) {
        if (error instanceof Error)
          error.message = `still failing after ${attempt} attempts: ${error.message}`;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
