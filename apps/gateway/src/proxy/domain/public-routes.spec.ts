import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { SERVICE_NAMES } from '@shop/contracts';
import { decidePage, decideRoute } from './public-routes';

const ID = '4c5f3361-1533-51f9-b74d-84755d688959';

describe('decideRoute: examples', () => {
  it('forwards the public routes with the path the service serves', () => {
    expect(decideRoute('GET', '/api/catalog/products?q=tent&limit=5')).toEqual({
      kind: 'forward',
      service: 'catalog',
      upstreamPath: '/products?q=tent&limit=5',
      route: 'GET /products',
      policy: undefined,
      contract: expect.objectContaining({ access: 'public' }),
    });
    expect(decideRoute('GET', '/api/orders')).toMatchObject({
      service: 'orders',
      upstreamPath: '/',
    });
    expect(decideRoute('GET', '/api/orders/')).toMatchObject({ upstreamPath: '/' });
    expect(decideRoute('GET', `/api/orders/${ID}/events`)).toMatchObject({
      upstreamPath: `/${ID}/events`,
    });
    expect(decideRoute('HEAD', `/api/catalog/products/${ID}`)).toMatchObject({ kind: 'forward' });
  });

  it('applies the policy to every spelling of a route (the bypasses seen on the stack)', () => {
    expect(decideRoute('POST', '/api/accounts/%6Cogin')).toMatchObject({
      policy: 'login',
      upstreamPath: '/login',
    });
    expect(decideRoute('POST', '/api/accounts/signup/')).toMatchObject({ policy: 'signup' });
    expect(decideRoute('POST', '/api/cart/%63heckout')).toMatchObject({
      policy: 'order-placement',
      upstreamPath: '/checkout',
    });
    expect(decideRoute('POST', '/api/%6frders')).toMatchObject({ policy: 'order-placement' });
  });

  it('never reaches internal routes, however spelled', () => {
    for (const url of [
      '/api/catalog/%68ealth/ready',
      '/api/catalog/health/ready',
      '/api/orders/metrics',
      '/api/orders/docs-json',
      '/api/accounts/.well-known/jwks.json',
      '/api/admin/users',
      '/api/catalog',
      '/',
    ])
      expect(decideRoute('GET', url)).toMatchObject({ kind: 'not-found' });
  });

  it('refuses ambiguous paths with a reason', () => {
    for (const url of [
      '//api/catalog/products',
      '/api//catalog/products',
      '/api/catalog/../accounts/me',
      '/api/catalog/%2e%2e/accounts/me',
      '/api/catalog/./products',
      '/api/catalog/a%2Fb',
      '/api/catalog/a%5cb',
      '/api/catalog\\products',
      '/api/catalog/%zz',
      '/api/catalog/products%00',
    ])
      expect(decideRoute('GET', url)).toMatchObject({
        kind: 'bad-path',
        reason: expect.any(String),
      });
  });

  it('answers an undeclared method on a known path with what is allowed', () => {
    expect(decideRoute('TRACE', '/api/catalog/products')).toEqual({
      kind: 'method-not-allowed',
      path: '/api/catalog/products',
      allow: ['GET', 'POST', 'HEAD'],
    });
    expect(decideRoute('DELETE', '/api/accounts/login')).toMatchObject({ allow: ['POST'] });
    expect(decideRoute('TRACE', '/api/health')).toMatchObject({
      kind: 'method-not-allowed',
      allow: ['GET', 'HEAD'],
    });
    for (const path of ['/api/system', '/api/system/events'])
      expect(decideRoute('POST', path)).toMatchObject({
        kind: 'method-not-allowed',
        allow: ['GET', 'HEAD'],
      });
  });
});

/**
 * Each service's router as the service declares it (its controllers, plus the internal routes
 * every service has), in a real Fastify instance: what the service would route for a path.
 */
const SERVICE_ROUTES: Record<string, string[]> = {
  accounts: ['POST /signup', 'POST /login', 'GET /me', 'GET /.well-known/jwks.json'],
  catalog: ['GET /products', 'GET /products/:id', 'POST /products', 'PUT /products/:id/stock'],
  cart: ['GET /', 'PUT /items/:productId', 'DELETE /items/:productId', 'POST /checkout'],
  orders: ['POST /', 'GET /', 'GET /:id', 'GET /:id/events'],
  payments: ['GET /'],
};
const INTERNAL = [
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'GET /docs',
  'GET /docs-json',
];

async function serviceRouter(service: string): Promise<FastifyInstance> {
  const app = Fastify();
  for (const declared of [...INTERNAL, ...SERVICE_ROUTES[service]]) {
    const [method, url] = declared.split(' ');
    app.route({
      method: method as 'GET',
      url,
      handler: async (request) => ({ route: `${method} ${request.routeOptions.url}` }),
    });
  }
  await app.ready();
  return app;
}

/** The route the service resolves for a method and path, or undefined when none. */
async function routedBy(
  app: FastifyInstance,
  method: string,
  url: string,
): Promise<string | undefined> {
  const response = await app.inject({ method: method as 'GET', url });
  return response.statusCode === 200 ? (response.json() as { route: string }).route : undefined;
}

describe('decideRoute: the policy sees exactly the path the service routes (property)', () => {
  const routers = new Map<string, FastifyInstance>();
  beforeAll(async () => {
    for (const service of SERVICE_NAMES) routers.set(service, await serviceRouter(service));
  });
  afterAll(async () => {
    await Promise.all([...routers.values()].map((app) => app.close()));
  });

  /** A character as a client may spell it: itself, or %XX in either case. */
  const spelledChar = (c: string) =>
    fc.constantFrom(
      c,
      `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
      `%${c.charCodeAt(0).toString(16).padStart(2, '0').toLowerCase()}`,
    );
  const spelled = (word: string) =>
    word === ''
      ? fc.constant('')
      : fc.tuple(...[...word].map(spelledChar)).map((chars) => chars.join(''));
  const word = fc.constantFrom(
    'products',
    'login',
    'signup',
    'me',
    'items',
    'checkout',
    'stock',
    'events',
    'health',
    'ready',
    'live',
    'metrics',
    'docs',
    'docs-json',
    '.well-known',
    'jwks.json',
    ID,
    '.',
    '..',
    '',
    'x',
    'a/b',
    'a\\b',
    'admin',
  );
  const service = fc.constantFrom(...SERVICE_NAMES, 'admin', 'Catalog');
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE');
  const path = fc
    .tuple(
      spelled('api'),
      service.chain(spelled),
      fc.array(word.chain(spelled), { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([api, svc, rest, slash]) => `/${[api, svc, ...rest].join('/')}${slash ? '/' : ''}`);

  it('forwards only a public route, to the route the service itself resolves', async () => {
    let forwarded = 0;
    await fc.assert(
      fc.asyncProperty(method, path, async (verb, url) => {
        const decision = decideRoute(verb, url);
        if (decision.kind !== 'forward') return;
        forwarded++;
        const router = routers.get(decision.service);
        if (!router) throw new Error(`no router for ${decision.service}`);
        expect(await routedBy(router, verb, decision.upstreamPath)).toBe(decision.route);
      }),
      { numRuns: 2_000, seed: 11 },
    );
    expect(forwarded).toBeGreaterThan(20); // the generator reaches public routes
  });

  it('never forwards a spelling that a service would route to an internal route', async () => {
    let internal = 0;
    await fc.assert(
      fc.asyncProperty(path, async (url) => {
        const [, , svc, ...rest] = url.split('/');
        const router = routers.get(decodeURIComponentSafe(svc));
        if (!router) return;
        const routed = await routedBy(router, 'GET', `/${rest.join('/')}`);
        if (routed && INTERNAL.includes(routed)) {
          internal++;
          expect(decideRoute('GET', url).kind).not.toBe('forward');
        }
      }),
      { numRuns: 2_000, seed: 12 },
    );
    expect(internal).toBeGreaterThan(5); // the generator reaches internal routes
  });
});

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

describe('decidePage (the storefront behind the gateway)', () => {
  it('gives GET and HEAD of / and every non-API path to the storefront, query kept', () => {
    expect(decidePage('GET', '/')).toEqual({ kind: 'storefront', upstreamPath: '/' });
    expect(decidePage('HEAD', '/products/abc?x=1')).toEqual({
      kind: 'storefront',
      upstreamPath: '/products/abc?x=1',
    });
    expect(decidePage('GET', '/assets/index-1.js')).toEqual({
      kind: 'storefront',
      upstreamPath: '/assets/index-1.js',
    });
    expect(decidePage('GET', '/apix')).toMatchObject({ kind: 'storefront' });
  });

  it('keeps /api and writes a 404, and ambiguous paths a 400', () => {
    expect(decidePage('GET', '/api')).toEqual({ kind: 'not-found', path: '/api' });
    expect(decidePage('GET', '/api/nothing/here')).toMatchObject({ kind: 'not-found' });
    expect(decidePage('POST', '/')).toMatchObject({ kind: 'not-found' });
    expect(decidePage('GET', '/a/../api/x')).toMatchObject({ kind: 'bad-path' });
    expect(decidePage('GET', '/%2e%2e/x')).toMatchObject({ kind: 'bad-path' });
  });
});
