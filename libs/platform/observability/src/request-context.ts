import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line says of the request it belongs to: `req` on the line, as pino-http wrote it. */
export interface LoggedRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/**
 * The request being handled, for the logger's mixin: every line written while handling it (Nest's
 * `Logger`, nestjs-pino's `PinoLogger`) carries its `req` without a child logger per request.
 */
const requestContext = new AsyncLocalStorage<LoggedRequest>();

/** Only the three fields are kept, not the request itself (a timer made during it would keep it). */
export function loggedRequestOf(request: LoggedRequest): LoggedRequest {
  return { id: request.id, method: request.method, url: request.url };
}

/** Runs `fn`, and everything it starts, as part of `request` (its log lines carry `req`). */
export function runInRequestContext<T>(request: LoggedRequest, fn: () => T): T {
  return requestContext.run(loggedRequestOf(request), fn);
}

/** The request whose handling is running, if any. */
export function requestInContext(): LoggedRequest | undefined {
  return requestContext.getStore();
}
