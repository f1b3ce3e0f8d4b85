import { ApiError, errorFromResponse, partOfPath } from './errors';

/** Longest wait for an answer's headers before the storefront says the part did not answer. */
export const REQUEST_TIMEOUT_MS = 10_000;

let onUnauthorized: () => void = () => undefined;

/** Called when a request that carried a token is answered 401 (expired or revoked). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/**
 * Sends a request to the gateway (same origin) and returns the raw response once its headers are
 * in: every failure is an ApiError naming the part of the shop (no answer within the timeout is
 * a TIMEOUT, a failed connection NETWORK), never a wait without end.
 */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const onAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  try {
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: timeout.signal,
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the status says enough
      }
      if (response.status === 401 && options.token) onUnauthorized();
      throw errorFromResponse(response.status, body, path);
    }
    return response;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (options.signal?.aborted) throw error;
    const timedOut = timeout.signal.aborted;
    throw new ApiError(
      0,
      timedOut ? 'no answer in time' : 'network error',
      timedOut ? 'TIMEOUT' : 'NETWORK',
      partOfPath(path),
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `send`, then the JSON body. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  return (await response.json()) as T;
}
