/** One HTTP call of a load test: status (0 when no answer) and how long it took. */
export interface CallResult<T = unknown> {
  readonly status: number;
  readonly body: T | undefined;
  readonly error?: string;
  /** The answer's headers (none when there was no answer). */
  readonly headers?: Headers;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<CallResult<T>> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, body, headers: response.headers };
  } catch (error) {
    return { status: 0, body: undefined, error: (error as Error).name };
  }
}

/** The last `status` event of a Server-Sent Events stream that closes at a final status. */
export async function lastStreamedStatus<T extends { status: string }>(
  base: string,
  path: string,
  options: { token?: string; timeoutMs?: number } = {},
): Promise<CallResult<T>> {
  try {
    const response = await fetch(`${base}${path}`, {
      headers: {
        accept: 'text/event-stream',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const events = (await response.text())
      .split('\n\n')
      .filter((chunk) => chunk.startsWith('event: status'));
    const last = events.at(-1)?.split('\ndata: ')[1];
    return { status: response.status, body: last ? (JSON.parse(last) as T) : undefined };
  } catch (error) {
    return { status: 0, body: undefined, error: (error as Error).name };
  }
}
