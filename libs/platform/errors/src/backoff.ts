/**
 * How long to wait before retry `attempt` (from 0): `baseMs`, doubling, at most `capMs`. The one
 * backoff of the platform: the consumer's retries, its start-up, topic provisioning, the
 * Postgres change listener's reconnects.
 */
export function backoffMs(
  attempt: number,
  { baseMs, capMs }: { baseMs: number; capMs: number },
): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}
