import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CartView, ErrorResponse, ProductView } from '@shop/contracts';
import { migrateDatabase } from '@shop/platform/persistence';
import { serviceEnv, startTestTokenIssuer, type TestTokenIssuer } from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/http/testing';
// The real catalog, in-process, as cart's upstream (tests may use any project; services may not).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as CatalogModule } from '../../../catalog/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadCatalogConfig } from '../../../catalog/src/config/catalog.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { catalogDataSourceOptions } from '../../../catalog/src/database/data-source';
import { AppModule } from '../app.module';
import { loadCartConfig } from '../config/cart.config';
import { cartDataSourceOptions } from '../database/data-source';

describe('cart (real Postgres + Kafka, real catalog over HTTP)', () => {
  let cart: NestFastifyApplication;
  let catalog: NestFastifyApplication;
  let issuer: TestTokenIssuer;
  let products: ProductView[];
  let admin: string;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    admin = await issuer.token({ roles: ['admin'] });
    const catalogEnv = await serviceEnv('catalog_for_cart');
    const catalogConfig = loadCatalogConfig({ ...catalogEnv.env, AUTH_JWKS_URL: issuer.jwksUrl });
    await migrateDatabase(catalogDataSourceOptions(catalogConfig), () => undefined);
    const started = await startServiceApp(
      'catalog',
      CatalogModule.register(catalogConfig),
      catalogConfig,
      { listen: true },
    );
    catalog = started.app;
    products = (await request<{ items: ProductView[] }>(catalog, 'GET', '/products?limit=3')).body
      .items;

    const cartEnv = await serviceEnv('cart');
    const config = loadCartConfig({
      ...cartEnv.env,
      AUTH_JWKS_URL: issuer.jwksUrl,
      CATALOG_URL: started.url as string,
    });
    await migrateDatabase(cartDataSourceOptions(config), () => undefined);
    ({ app: cart } = await startServiceApp('cart', AppModule.register(config), config));
  });

  afterAll(async () => {
    await cart?.close();
    await catalog?.close();
    await issuer?.close();
  });

  it('gives a new user an empty cart', async () => {
    const response = await request<CartView>(cart, 'GET', '/', { token: await issuer.token() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], totalCents: 0, currency: 'USD' });
  });

  it('adds, updates and removes items with price snapshots and a derived total', async () => {
    const token = await issuer.token();
    const [a, b] = products;
    await request(cart, 'PUT', `/items/${a.id}`, { token, body: { quantity: 2 } });
    const both = await request<CartView>(cart, 'PUT', `/items/${b.id}`, {
      token,
      body: { quantity: 1 },
    });
    expect(both.status).toBe(200);
    expect(both.body.items).toEqual([
      { productId: a.id, name: a.name, quantity: 2, unitPriceCents: a.priceCents },
      { productId: b.id, name: b.name, quantity: 1, unitPriceCents: b.priceCents },
    ]);
    expect(both.body.totalCents).toBe(2 * a.priceCents + b.priceCents);

    const updated = await request<CartView>(cart, 'PUT', `/items/${a.id}`, {
      token,
      body: { quantity: 5 },
    });
    expect(updated.body.items.find((i) => i.productId === a.id)?.quantity).toBe(5);
    expect(updated.body.totalCents).toBe(5 * a.priceCents + b.priceCents);

    const removed = await request<CartView>(cart, 'DELETE', `/items/${a.id}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i) => i.productId)).toEqual([b.id]);
    expect(removed.body.totalCents).toBe(b.priceCents);
    expect(
      (await request<CartView>(cart, 'DELETE', `/items/${a.id}`, { token })).body.items,
    ).toHaveLength(1);
  });

  it('keeps the price snapshot when catalog changes the price later', async () => {
    const token = await issuer.token();
    const created = await request<ProductView>(catalog, 'POST', '/products', {
      token: admin,
      body: {
        sku: `SNAP-${Date.now()}`,
        name: 'Snapshot',
        description: '',
        category: 'tests',
        priceCents: 1234,
        stock: 5,
      },
    });
    expect(created.status).toBe(201);
    await request(cart, 'PUT', `/items/${created.body.id}`, { token, body: { quantity: 1 } });
    // Catalog has no price update route yet; the snapshot is what the cart row holds.
    const view = await request<CartView>(cart, 'GET', '/', { token });
    expect(view.body.items[0]).toMatchObject({
      productId: created.body.id,
      unitPriceCents: 1234,
      name: 'Snapshot',
    });
  });

  it("never shows one user another user's cart", async () => {
    const alice = await issuer.token();
    const bob = await issuer.token();
    await request(cart, 'PUT', `/items/${products[0].id}`, { token: alice, body: { quantity: 3 } });
    expect((await request<CartView>(cart, 'GET', '/', { token: bob })).body.items).toEqual([]);
    await request(cart, 'DELETE', `/items/${products[0].id}`, { token: bob });
    expect((await request<CartView>(cart, 'GET', '/', { token: alice })).body.items).toHaveLength(
      1,
    );
  });

  it('answers an unknown product with 404', async () => {
    const token = await issuer.token();
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await request<ErrorResponse>(cart, 'PUT', `/items/${id}`, {
        token,
        body: { quantity: 1 },
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('UNKNOWN_PRODUCT');
    }
  });

  it.each([[0], [101], [1.5], ['2'], [null]])(
    'answers quantity %p with 400 naming quantity',
    async (quantity) => {
      const response = await request<ErrorResponse>(cart, 'PUT', `/items/${products[0].id}`, {
        token: await issuer.token(),
        body: { quantity },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('quantity');
    },
  );

  it('rejects unknown body fields and requires a token', async () => {
    const response = await request<ErrorResponse>(cart, 'PUT', `/items/${products[0].id}`, {
      token: await issuer.token(),
      body: { quantity: 1, unitPriceCents: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('unitPriceCents');
    expect((await request(cart, 'GET', '/')).status).toBe(401);
  });
});
