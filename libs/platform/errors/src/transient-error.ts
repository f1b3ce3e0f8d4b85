/**
 * Errors that say "the infrastructure is not there right now" (database or broker down,
 * connection lost, timeout): a consumer retries these without limit instead of dead-lettering,
 * so an outage delays events but never diverts them.
 */
export function isTransientError(error: unknown): boolean {
  const candidates: unknown[] = [
    error,
    (error as { driverError?: unknown })?.driverError,
    (error as { cause?: unknown })?.cause,
  ];
  return candidates.some((candidate) => {
    if (!candidate || typeof candidate !== 'object') return false;
    const { code, message, name } = candidate as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
    };
    if (typeof code === 'string') {
      if (/^(08|53|57P|58)/.test(code)) return true; // Postgres: connection, resources, shutdown, system
      if (['40001', '40P01', '55P03'].includes(code)) return true; // serialization, deadlock, lock timeout
      if (
        [
          'ECONNREFUSED',
          'ECONNRESET',
          'ENOTFOUND',
          'EAI_AGAIN',
          'ETIMEDOUT',
          'EPIPE',
          'EHOSTUNREACH',
        ].includes(code)
      )
        return true;
    }
    if (typeof name === 'string' && /^Kafka|TimeoutError$/.test(name)) return true;
    return (
      typeof message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|read ECONNRESET|socket hang up|canceling statement due to statement timeout/i.test(
        message,
      )
    );
  });
}
