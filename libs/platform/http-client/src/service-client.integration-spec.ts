import { createServer, type Server } from 'node:http';
import { CircuitState } from 'cockatiel';
import {
  InvalidServiceRequestError,
  ServiceClient,
  ServiceUnavailableError,
} from './service-client';

/** Requests each replica received, by `address method`. */
const received = new Map<string, number>();

/** Real HTTP servers on loopback addresses standing for replicas of one service. */
async function replica(
  address: string,
  port: number,
  behaviour: 'ok' | 'hang' | 'stream' = 'ok',
): Promise<Server> {
  const server = createServer((req, res) => {
    const key = `${address} ${req.method}`;
    received.set(key, (received.get(key) ?? 0) + 1);
    if (behaviour === 'hang') return; // never answers
    res.setHeader('x-served-by', `svc/${address}`);
    if (behaviour === 'stream') {
      // Headers at once, then a chunk every 100 ms for 1.2 s (an SSE stream, say).
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(`data: ${++sent}\n\n`);
        if (sent === 12) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      return;
    }
    res.end(JSON.stringify({ method: req.method, host: req.headers.host, url: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  return server;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('ServiceClient against real HTTP replicas', () => {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map(close));
    servers = [];
    received.clear();
  });

  const client = (
    addresses: () => string[],
    options: Partial<ConstructorParameters<typeof ServiceClient>[1]> = {},
  ) =>
    new ServiceClient('svc', {
      baseUrl: `http://svc.internal:${port}`,
      timeoutMs: 500,
      refreshMs: 0,
      resolve: async () => addresses(),
      ...options,
    });

  async function servedBy(c: ServiceClient, method = 'GET'): Promise<string> {
    const response = await c.send({ method, path: '/' });
    const body = (await response.body.json()) as { host: string };
    expect(body.host).toBe(`svc.internal:${port}`);
    return String(response.headers['x-served-by']);
  }

  it('spreads requests evenly over every replica', async () => {
    servers = await Promise.all(
      ['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((a) => replica(a, port)),
    );
    const c = client(() => ['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const by = await servedBy(c);
      counts.set(by, (counts.get(by) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([10, 10, 10]);
    await c.close();
  });

  it('retries a read on another replica when one is gone, but never a write', async () => {
    servers = [await replica('127.0.0.2', port)];
    // DNS still lists a replica that no longer listens (killed a moment ago).
    const c = client(() => ['127.0.0.2', '127.0.0.5']);
    for (let i = 0; i < 4; i++) expect(await servedBy(c)).toBe('svc/127.0.0.2');

    // A live and a dead replica: a write that meets the dead one fails, and is not sent again
    // to the live one (it may have been half-done by the dead one).
    const writes = client(() => ['127.0.0.2', '127.0.0.5'], { breakerFailures: 100 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => writes.send({ method: 'POST', path: '/' })),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) expect(o.reason).toMatchObject({ reason: 'UNAVAILABLE' });
    expect(received.get('127.0.0.2 POST') ?? 0).toBe(outcomes.length - failed.length);
    await Promise.all([c.close(), writes.close()]);
  });

  it('answers a dead service fast, then opens the circuit', async () => {
    const c = client(() => ['127.0.0.6'], { breakerFailures: 3, breakerOpenMs: 60_000 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await expect(c.send({ method: 'GET', path: '/' })).rejects.toBeInstanceOf(
        ServiceUnavailableError,
      );
    }
    await expect(c.send({ method: 'GET', path: '/' })).rejects.toMatchObject({
      reason: 'CIRCUIT_OPEN',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    await c.close();
  });

  it('gives up on a replica that does not answer within the timeout', async () => {
    servers = [await replica('127.0.0.7', port, 'hang')];
    const c = client(() => ['127.0.0.7'], { timeoutMs: 300 });
    await expect(c.send({ method: 'GET', path: '/' })).rejects.toMatchObject({ reason: 'TIMEOUT' });
    await c.close();
  });

  it('never counts a request the client refuses to send (Expect, bad paths) as a service failure', async () => {
    servers = [await replica('127.0.0.8', port)];
    const c = client(() => ['127.0.0.8'], { breakerFailures: 2 });
    for (let i = 0; i < 5; i++) {
      await expect(
        c.send({ method: 'GET', path: '/', headers: { expect: '100-continue' } }),
      ).rejects.toBeInstanceOf(InvalidServiceRequestError);
      await expect(c.send({ method: 'GET', path: '//evil.example/x' })).rejects.toBeInstanceOf(
        InvalidServiceRequestError,
      );
    }
    expect(c.circuit).toBe(CircuitState.Closed);
    expect(await servedBy(c)).toBe('svc/127.0.0.8');
    expect(received.get('127.0.0.8 GET')).toBe(1);
    await c.close();
  });

  it("never counts the caller's own cancellation as a service failure", async () => {
    servers = [await replica('127.0.0.9', port, 'hang')];
    const c = client(() => ['127.0.0.9'], { breakerFailures: 2, timeoutMs: 5_000 });
    for (let i = 0; i < 4; i++) {
      const gone = new AbortController();
      const sent = c.send({ method: 'GET', path: '/', signal: gone.signal });
      setTimeout(() => gone.abort(), 20);
      await expect(sent).rejects.not.toBeInstanceOf(ServiceUnavailableError);
    }
    expect(c.circuit).toBe(CircuitState.Closed);
    await c.close();
  });

  it('lets a streamed body run longer than the wait for its headers', async () => {
    servers = [await replica('127.0.0.10', port, 'stream')];
    const c = client(() => ['127.0.0.10'], { timeoutMs: 300 });
    const response = await c.send({ method: 'GET', path: '/' });
    const text = await response.body.text();
    expect(text.match(/^data: /gm)).toHaveLength(12);
    await c.close();
  });
});
