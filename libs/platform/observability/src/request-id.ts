import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts the caller's `X-Request-Id` when it is a sane token, otherwise makes one, and writes it
 * back on the raw request so the HTTP logger and the response hook see the same id.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const candidate = Array.isArray(given) ? given[0] : given;
  const id = candidate && ACCEPTABLE.test(candidate) ? candidate : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}
