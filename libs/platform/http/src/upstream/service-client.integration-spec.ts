import { createServer, type Server } from 'node:http';
import { ServiceClient, ServiceUnavailableError } from './service-client';

/** Real HTTP servers on loopback addresses standing for replicas of one service. */
async function replica(
  address: string,
  port: number,
  behaviour: 'ok' | 'hang' = 'ok',
): Promise<Server> {
  const server = createServer((req, res) => {
    if (behaviour === 'hang') return; // never answers
    res.setHeader('x-served-by', `svc/${address}`);
    res.end(JSON.stringify({ method: req.method, host: req.headers.host }));
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

    const writes = client(() => ['127.0.0.5']);
    await expect(writes.send({ method: 'POST', path: '/' })).rejects.toMatchObject({
      reason: 'UNAVAILABLE',
    });
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
});
