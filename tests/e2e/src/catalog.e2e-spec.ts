import type { ErrorResponse, ProductPage, ProductView, SystemHealth } from '@shop/contracts';
import { getJson, gatewayUrl } from './support/gateway';

describe('catalog through the gateway (composed system)', () => {
  it('lists the seeded products with the contract fields, served by a catalog replica', async () => {
    const { status, body, headers } = await getJson<ProductPage>('/api/catalog/products');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(20);
    expect(body.items).toHaveLength(20);
    expect(new Set(body.items.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['category', 'currency', 'description', 'id', 'name', 'priceCents', 'sku', 'stock'].sort(),
    );
    expect(headers.get('x-served-by')).toMatch(/^catalog\/.+/);
  });

  it('searches, filters and pages', async () => {
    const search = await getJson<ProductPage>('/api/catalog/products?q=keyboard');
    expect(search.status).toBe(200);
    expect(search.body.items[0].name).toBe('Mechanical Keyboard');

    const books = await getJson<ProductPage>(
      '/api/catalog/products?category=books&limit=2&offset=1',
    );
    expect(books.body.items).toHaveLength(2);
    expect(books.body.items.every((p) => p.category === 'books')).toBe(true);
    expect(books.body.total).toBe(5);
  });

  it('gets one product and answers 404 for an unknown one', async () => {
    const page = await getJson<ProductPage>('/api/catalog/products?limit=1');
    const one = await getJson<ProductView>(`/api/catalog/products/${page.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(page.body.items[0]);

    const missing = await getJson<ErrorResponse>(
      '/api/catalog/products/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('tags a product with an ETag and answers 304 to If-None-Match through the gateway', async () => {
    const page = await getJson<ProductPage>('/api/catalog/products?limit=1');
    const url = gatewayUrl(`/api/catalog/products/${page.body.items[0].id}`);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    await first.arrayBuffer();

    const unchanged = await fetch(url, { headers: { 'if-none-match': String(etag) } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(await unchanged.text()).toBe('');
  });

  it('answers a bad query parameter with 400 naming it', async () => {
    const { status, body } = await getJson<ErrorResponse>('/api/catalog/products?limit=1000');
    expect(status).toBe(400);
    expect(body.message).toContain('limit');
  });

  it('echoes X-Request-Id end to end', async () => {
    const { headers } = await getJson('/api/catalog/products?limit=1', {
      headers: { 'x-request-id': 'e2e-trace-42' },
    });
    expect(headers.get('x-request-id')).toBe('e2e-trace-42');
  });

  it('reports every service up in /api/health', async () => {
    const { status, body } = await getJson<SystemHealth>('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      services: { accounts: 'up', catalog: 'up', cart: 'up', orders: 'up', payments: 'up' },
    });
  });

  it('publishes the OpenAPI of the whole system and Swagger UI', async () => {
    const { status, body } = await getJson<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/catalog/products',
        '/api/catalog/products/{id}',
        '/api/health',
      ]),
    );
    const ui = await fetch(gatewayUrl('/api/docs'));
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers unknown routes with the contract error body', async () => {
    const { status, body } = await getJson<ErrorResponse>('/api/nowhere/at/all');
    expect(status).toBe(404);
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
