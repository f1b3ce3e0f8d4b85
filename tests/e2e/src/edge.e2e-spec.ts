import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { OrderView, SystemHealth } from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import {
  compose,
  composeExec,
  kill,
  pause,
  restart,
  startExtraGateway,
  unpause,
  waitHealthy,
} from './support/compose';
import { getJson, gatewayUrl } from './support/gateway';
import { errorBody, rawRequest } from './support/raw-http';
import { CARDS, finalOrder, newProduct, placeOrder } from './support/shop';
import { login, newShopper } from './support/users';

/**
 * The edge (docs/api.md, "The edge"): hostile and sloppy clients, through the real gateway of the
 * composed system. Each case was seen to fail on the stack before the fix (issue 11).
 */
describe('the edge: hostile and sloppy clients (composed system)', () => {
  beforeAll(async () => {
    await waitHealthy();
  });

  it('serves Expect: 100-continue normally, and such requests never open a circuit', async () => {
    for (let i = 0; i < 8; i++) {
      const response = await rawRequest('GET', '/api/catalog/products?limit=1', {
        headers: { expect: '100-continue' },
      });
      expect(response.status).toBe(200);
    }
    const shopper = await newShopper();
    const body = JSON.stringify({ email: shopper.email, password: shopper.password });
    const loggedIn = await rawRequest('POST', '/api/accounts/login', {
      headers: { expect: '100-continue', 'content-type': 'application/json' },
      body,
    });
    expect(loggedIn.status).toBe(200);
    expect((await getJson('/api/catalog/products?limit=1')).status).toBe(200);
  });

  it('throttles failed logins however the path is spelled, and whatever the body size', async () => {
    const victim = await newShopper();
    const wrong = { email: victim.email, password: 'not-the-password' };
    const padded = `${' '.repeat(8 * 1024)}${JSON.stringify(wrong)}`; // over the old 4 KiB cut
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const path = ['/api/accounts/%6Cogin', '/api/accounts/login/', '/api/accounts/%6c%6F%67in'][
        i % 3
      ];
      const response = await rawRequest('POST', path, {
        headers: { 'content-type': 'application/json' },
        body: i % 2 ? padded : JSON.stringify(wrong),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(errorBody(response).code).toBe('TOO_MANY_FAILED_LOGINS');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it('counts order placements however the checkout path is spelled', async () => {
    const shopper = await newShopper();
    const statuses: number[] = [];
    // ORDER_RATE_LIMIT is 30 per 10 s: an empty cart is the service's 400, each still counts.
    for (let i = 0; i < 32; i++) {
      const path = i % 2 ? '/api/cart/%63heckout' : '/api/cart/checkout';
      const response = await rawRequest('POST', path, {
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${shopper.token}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ payment: CARDS.ok }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('keeps internal routes internal and refuses ambiguous paths with a 400', async () => {
    for (const path of [
      '/api/catalog/%68ealth/ready',
      '/api/catalog/health/live',
      '/api/orders/metrics',
      '/api/orders/docs-json',
      '/api/accounts/.well-known/jwks.json',
    ]) {
      const response = await rawRequest('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      errorBody(response);
    }
    for (const path of [
      '//api/catalog/products',
      '//catalog:3000/health/ready',
      '/api//catalog/products',
      '/api/catalog/products/../../accounts/me',
      '/api/catalog/%2e%2e/accounts/me',
      '/api/catalog/products%2F..%2F..%2Fhealth',
      '/api/catalog\\products',
      '/api/catalog/%zz',
    ]) {
      const response = await rawRequest('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(errorBody(response).message).toMatch(/path|url/);
    }
  });

  it('answers an undeclared method on a known path with 405 and Allow', async () => {
    const response = await rawRequest('DELETE', '/api/catalog/products');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, POST, HEAD');
    expect(errorBody(response).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses bodies over 64 KiB with a 413 in the error format', async () => {
    const response = await rawRequest('POST', '/api/accounts/signup', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'big@example.com',
        password: 'x'.repeat(70 * 1024),
        name: 'B',
      }),
    });
    expect(response.status).toBe(413);
    expect(errorBody(response).statusCode).toBe(413);
  });

  it('never lets a client lock another address out of an account', async () => {
    const owner = await newShopper();
    // From inside the stack's network (another client address), guess the owner's password.
    const script = `
      const statuses = [];
      (async () => {
        for (let i = 0; i < 12; i++) {
          const r = await fetch('http://gateway:8080/api/accounts/login', {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: ${JSON.stringify(owner.email)}, password: 'guess-' + i }),
          });
          statuses.push(r.status);
        }
        process.stdout.write(JSON.stringify(statuses));
      })();`;
    const attacker = JSON.parse(await composeExec('catalog', ['node', '-e', script])) as number[];
    expect(attacker.slice(-2)).toEqual([429, 429]);
    // The owner, from their own address, logs in at once.
    expect(await login(owner.email, owner.password)).toEqual(expect.any(String));
  });

  it('limits signups and logins per client address (shipped settings, a gateway of its own)', async () => {
    const gateway = await startExtraGateway();
    try {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof rawRequest>> | undefined;
      // Invalid signups (the service's cheap 400) count like any other.
      for (let i = 0; i < 125 && !limited; i++) {
        const response = await rawRequest(
          'POST',
          i % 2 ? '/api/accounts/signup' : '/api/accounts/%6Cogin',
          {
            base: gateway.base,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'not-an-email' }),
          },
        );
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      expect(statuses.length).toBe(121); // AUTH_RATE_LIMIT as shipped: 120 per 60 s
      expect(statuses.slice(0, 120).every((s) => s === 400)).toBe(true);
      if (!limited) throw new Error('never limited');
      expect(errorBody(limited).code).toBe('TOO_MANY_AUTH_ATTEMPTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Reads are not limited by it.
      expect((await fetch(`${gateway.base}/api/catalog/products?limit=1`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('keeps placing orders while Kafka hangs, however often health is asked', async () => {
    const shopper = await newShopper();
    const product = await newProduct(100);
    await pause('kafka');
    try {
      for (let i = 0; i < 8; i++) {
        const { body } = await getJson<SystemHealth>('/api/health');
        expect(body.status).toBeDefined();
      }
      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
      expect(placed.status).toBe(202);
      expect(
        (
          await getJson(`/api/orders/${placed.body.id}`, {
            headers: { authorization: `Bearer ${shopper.token}` },
          })
        ).status,
      ).toBe(200);
    } finally {
      await unpause('kafka');
    }
    await waitHealthy();
  });

  it('keeps an order event stream open past 30 s while payments is down, to its CONFIRMED end', async () => {
    const shopper = await newShopper();
    const product = await newProduct(100);
    await kill('payments');
    try {
      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
      expect(placed.status).toBe(202);
      const stream = openEventStream(`/api/orders/${placed.body.id}/events`, shopper.token);
      try {
        // Still open, and still pending, well past the gateway's 5 s header timeout: orders
        // writes a keep-alive comment after 15 s without news, so two of them mean > 30 s.
        await expectEventually(
          async () => {
            expect(stream.text.match(/^: keep-alive$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
          },
          { timeoutMs: 45_000, intervalMs: 1_000 },
        );
        expect(Date.now() - stream.openedAt).toBeGreaterThan(30_000);
        expect(stream.ended).toBe(false);
        expect(stream.statuses()).toEqual(['PENDING']);
        await restart('payments');
        await expectEventually(
          async () => {
            const { body } = await getJson<OrderView>(`/api/orders/${placed.body.id}`, {
              headers: { authorization: `Bearer ${shopper.token}` },
            });
            expect({ ended: stream.ended, order: body.status, received: stream.text }).toEqual({
              ended: true,
              order: 'CONFIRMED',
              received: expect.any(String),
            });
          },
          { timeoutMs: 120_000, intervalMs: 500 },
        );
        expect(stream.statuses().at(-1)).toBe('CONFIRMED');
        expect(stream.error).toBeUndefined();
      } finally {
        stream.close();
      }
      expect(await finalOrder(shopper.token, placed.body.id)).toMatchObject({
        status: 'CONFIRMED',
      });
    } finally {
      await compose('start', 'payments');
    }
  }, 300_000);
});

/** An SSE stream through the gateway, read as it arrives. */
function openEventStream(path: string, token: string) {
  const state = {
    openedAt: Date.now(),
    ended: false,
    error: undefined as Error | undefined,
    text: '',
    statuses: () =>
      [...state.text.matchAll(/^data: (.*)$/gm)].map((m) => (JSON.parse(m[1]) as OrderView).status),
    close: () => req.destroy(),
  };
  const req = request(
    gatewayUrl(path),
    { headers: { authorization: `Bearer ${token}` } },
    (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (state.text += chunk));
      res.on('end', () => (state.ended = true));
      res.on('error', (error) => (state.error = error));
    },
  );
  req.on('error', (error) => (state.error = error));
  req.end();
  return state;
}
