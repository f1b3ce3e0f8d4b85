import { ApiError } from './errors';
import { send, whenUnauthorized } from './http';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('send (every call ends, in data or in an error naming the part)', () => {
  it("names the gateway's 503 by the path's service", async () => {
    globalThis.fetch = jest.fn(async () =>
      answer(503, {
        statusCode: 503,
        message: 'payments is unavailable',
        code: 'UPSTREAM_UNAVAILABLE',
      }),
    );
    const error = (await send('/api/payments?orderId=x').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', part: 'payments' });
    expect(error.unavailable).toBe(true);
  });

  it('gives up after the timeout with TIMEOUT', async () => {
    globalThis.fetch = jest.fn(
      (_url: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const error = (await send('/api/catalog/products', { timeoutMs: 20 }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toMatchObject({ status: 0, code: 'TIMEOUT', part: 'catalog' });
  });

  it('reports a failed connection as NETWORK', async () => {
    globalThis.fetch = jest.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const error = (await send('/api/cart').catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', part: 'cart' });
  });

  it('sends the token and JSON body, and signs out on a 401 to a token', async () => {
    const seen: RequestInit[] = [];
    globalThis.fetch = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init ?? {});
      return answer(401, { statusCode: 401, message: 'expired' });
    });
    const signedOut = jest.fn();
    whenUnauthorized(signedOut);
    await send('/api/cart/items/x', { method: 'PUT', token: 't', body: { quantity: 2 } }).catch(
      () => undefined,
    );
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'application/json',
    });
    expect(seen[0]?.body).toBe('{"quantity":2}');
    expect(signedOut).toHaveBeenCalledTimes(1);
  });
});
