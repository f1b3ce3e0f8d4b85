import { forwardableHeaders, resolveRoute } from './route-table';

describe('resolveRoute', () => {
  it('maps a service route to the path the service serves', () => {
    expect(resolveRoute('/api/catalog/products?q=tent&limit=5')).toEqual({
      service: 'catalog',
      upstreamPath: '/products?q=tent&limit=5',
    });
    expect(resolveRoute('/api/orders')).toEqual({ service: 'orders', upstreamPath: '/' });
    expect(resolveRoute('/api/cart/items/abc')).toEqual({
      service: 'cart',
      upstreamPath: '/items/abc',
    });
  });

  it('refuses unknown services and non-api paths', () => {
    expect(resolveRoute('/api/admin/users')).toBeNull();
    expect(resolveRoute('/catalog/products')).toBeNull();
  });

  it('refuses paths that try to leave the service or reach its internals', () => {
    expect(resolveRoute('/api/catalog/../accounts/me')).toBeNull();
    expect(resolveRoute('/api/catalog/%2e%2e/x')).toBeNull();
    expect(resolveRoute('/api/catalog/a%2Fb')).toBeNull();
    expect(resolveRoute('/api/catalog/health/ready')).toBeNull();
    expect(resolveRoute('/api/catalog/docs-json')).toBeNull();
  });
});

describe('forwardableHeaders', () => {
  it('drops hop-by-hop headers and those named by Connection', () => {
    expect(
      forwardableHeaders({
        host: 'gateway',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'transfer-encoding': 'chunked',
        'content-length': '10',
        authorization: 'Bearer t',
        'content-type': 'application/json',
        traceparent: '00-abc-def-01',
        'x-undefined': undefined,
      }),
    ).toEqual({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      traceparent: '00-abc-def-01',
    });
  });
});
