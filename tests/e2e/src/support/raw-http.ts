import { request } from 'node:http';
import { gatewayUrl } from './gateway';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/**
 * One request with the path sent byte for byte as given (fetch and URL normalise `..`, `//` and
 * some escapes before sending, which would hide what the gateway does with them), and headers
 * fetch refuses to send (`Expect`). With `Expect: 100-continue` the body waits for the server's
 * 100 Continue, as curl does.
 */
export function rawRequest(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; base?: string } = {},
): Promise<RawResponse> {
  const base = new URL(options.base ?? gatewayUrl('/'));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          ...(options.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    const expectsContinue = Object.entries(options.headers ?? {}).some(
      ([name, value]) => name.toLowerCase() === 'expect' && value === '100-continue',
    );
    if (expectsContinue && options.body !== undefined) {
      req.on('continue', () => req.end(options.body));
      req.flushHeaders();
    } else {
      req.end(options.body);
    }
  });
}

/** The contract's error body (docs/api.md), parsed, or a failure naming what came instead. */
export function errorBody(response: RawResponse): {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
} {
  const body = JSON.parse(response.text) as { statusCode: number; error: string; message: string };
  expect(body).toMatchObject({
    statusCode: response.status,
    error: expect.any(String),
    message: expect.any(String),
  });
  return body;
}
