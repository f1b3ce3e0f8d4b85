import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ErrorResponse, ProductView } from '@shop/contracts';
import { migrateDatabase } from '@shop/platform/persistence';
import { serviceEnv, startTestTokenIssuer, type TestTokenIssuer } from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/service-kit/testing';
import { AppModule } from '../app.module';
import { loadCatalogConfig } from '../config/catalog.config';
import { catalogDataSourceOptions } from '../database/data-source';
import { InventoryService } from './application/inventory.service';

describe('catalog inventory and admin routes (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let inventory: InventoryService;
  let issuer: TestTokenIssuer;
  let admin: string;
  let shopper: string;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer();
    const prepared = await serviceEnv('catalog_inventory');
    const config = loadCatalogConfig({ ...prepared.env, AUTH_JWKS_URL: issuer.jwksUrl });
    await migrateDatabase(catalogDataSourceOptions(config), () => undefined);
    ({ app } = await startServiceApp('catalog', AppModule.register(config), config));
    inventory = app.get(InventoryService);
    admin = await issuer.token({ roles: ['admin'] });
    shopper = await issuer.token();
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  let skuCounter = 0;
  async function newProduct(stock: number, priceCents = 1000): Promise<ProductView> {
    const response = await request<ProductView>(app, 'POST', '/products', {
      token: admin,
      body: {
        sku: `TEST-${Date.now()}-${skuCounter++}`,
        name: 'Test product',
        description: 'For tests',
        category: 'Tests',
        priceCents,
        stock,
      },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  const stockOf = async (id: string) =>
    (await request<ProductView>(app, 'GET', `/products/${id}`)).body.stock;

  describe('admin routes', () => {
    it('creates a product (category normalised) and rejects a taken SKU with 409', async () => {
      const body = {
        sku: 'ADMIN-1',
        name: 'Lamp',
        description: 'Bright',
        category: 'Home ',
        priceCents: 2500,
        stock: 3,
      };
      const created = await request<ProductView>(app, 'POST', '/products', { token: admin, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        sku: 'ADMIN-1',
        category: 'home',
        priceCents: 2500,
        currency: 'USD',
        stock: 3,
      });
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const again = await request<ErrorResponse>(app, 'POST', '/products', { token: admin, body });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SKU_TAKEN');
    });

    it('sets stock, and answers 404 for an unknown product', async () => {
      const product = await newProduct(1);
      const set = await request<ProductView>(app, 'PUT', `/products/${product.id}/stock`, {
        token: admin,
        body: { stock: 42 },
      });
      expect(set.status).toBe(200);
      expect(set.body.stock).toBe(42);
      expect(await stockOf(product.id)).toBe(42);
      const missing = await request(app, 'PUT', `/products/${randomUUID()}/stock`, {
        token: admin,
        body: { stock: 1 },
      });
      expect(missing.status).toBe(404);
    });

    it('refuses non-admins with 403 and anonymous callers with 401', async () => {
      const body = {
        sku: 'NOPE-1',
        name: 'x',
        description: '',
        category: 'x',
        priceCents: 1,
        stock: 1,
      };
      expect((await request(app, 'POST', '/products', { token: shopper, body })).status).toBe(403);
      expect((await request(app, 'POST', '/products', { body })).status).toBe(401);
      expect((await request(app, 'POST', '/products', { token: `${admin}x`, body })).status).toBe(
        401,
      );
    });

    it.each([
      [
        { sku: 'A', name: 'n', description: '', category: 'c', priceCents: -1, stock: 1 },
        'priceCents',
      ],
      [
        { sku: 'A', name: 'n', description: '', category: 'c', priceCents: 1.5, stock: 1 },
        'priceCents',
      ],
      [{ sku: 'A', name: 'n', description: '', category: 'c', priceCents: 1, stock: -3 }, 'stock'],
      [
        { sku: 'bad sku!', name: 'n', description: '', category: 'c', priceCents: 1, stock: 1 },
        'sku',
      ],
      [{ sku: 'A', name: ' ', description: '', category: 'c', priceCents: 1, stock: 1 }, 'name'],
      [
        {
          sku: 'A',
          name: 'n',
          description: '',
          category: 'c',
          priceCents: 1,
          stock: 1,
          featured: true,
        },
        'featured',
      ],
      [{ name: 'n', description: '', category: 'c', priceCents: 1, stock: 1 }, 'sku'],
    ])('answers a bad product with 400 naming the field (%#)', async (body, field) => {
      const response = await request<ErrorResponse>(app, 'POST', '/products', {
        token: admin,
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(field);
    });

    it('answers a bad stock value with 400 naming stock', async () => {
      const product = await newProduct(1);
      for (const stock of [-1, 'ten', 2.5, null]) {
        const response = await request<ErrorResponse>(app, 'PUT', `/products/${product.id}/stock`, {
          token: admin,
          body: { stock },
        });
        expect(response.status).toBe(400);
        expect(response.body.message).toContain('stock');
      }
    });
  });

  describe('reservations', () => {
    it('50 concurrent orders of one unit for 10 in stock reserve exactly 10', async () => {
      const product = await newProduct(10);
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () =>
          inventory.reserve(randomUUID(), [{ productId: product.id, quantity: 1 }]),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'RESERVED')).toHaveLength(10);
      expect(
        outcomes.filter((o) => o.status === 'REJECTED' && o.reason === 'OUT_OF_STOCK'),
      ).toHaveLength(40);
      expect(await stockOf(product.id)).toBe(0);
    });

    it('a reservation applied twice changes nothing and returns the first outcome', async () => {
      const product = await newProduct(5, 700);
      const orderId = randomUUID();
      const first = await inventory.reserve(orderId, [{ productId: product.id, quantity: 2 }]);
      const repeats = await Promise.all(
        [1, 2, 3].map(() => inventory.reserve(orderId, [{ productId: product.id, quantity: 2 }])),
      );
      expect(first).toEqual({
        status: 'RESERVED',
        lines: [{ productId: product.id, quantity: 2, unitPriceCents: 700 }],
      });
      expect(repeats).toEqual([first, first, first]);
      expect(await stockOf(product.id)).toBe(3);
    });

    it('rejects the whole order when one line is short, taking nothing from the others', async () => {
      const plenty = await newProduct(10);
      const scarce = await newProduct(1);
      const outcome = await inventory.reserve(randomUUID(), [
        { productId: plenty.id, quantity: 3 },
        { productId: scarce.id, quantity: 2 },
      ]);
      expect(outcome).toEqual({ status: 'REJECTED', reason: 'OUT_OF_STOCK' });
      expect(await stockOf(plenty.id)).toBe(10);
      expect(await stockOf(scarce.id)).toBe(1);
    });

    it('rejects an unknown product', async () => {
      const plenty = await newProduct(10);
      for (const productId of [randomUUID(), 'not-a-uuid']) {
        const outcome = await inventory.reserve(randomUUID(), [
          { productId: plenty.id, quantity: 1 },
          { productId, quantity: 1 },
        ]);
        expect(outcome).toEqual({ status: 'REJECTED', reason: 'UNKNOWN_PRODUCT' });
      }
      expect(await stockOf(plenty.id)).toBe(10);
    });

    it('release gives the units back once; commit after release changes nothing', async () => {
      const product = await newProduct(4);
      const orderId = randomUUID();
      await inventory.reserve(orderId, [{ productId: product.id, quantity: 3 }]);
      expect(await stockOf(product.id)).toBe(1);
      await Promise.all([inventory.release(orderId), inventory.release(orderId)]);
      expect(await stockOf(product.id)).toBe(4);
      expect(await inventory.commit(orderId)).toEqual({ status: 'RELEASED' });
      expect(await stockOf(product.id)).toBe(4);
    });

    it('commit keeps the units sold; a later release does not return them', async () => {
      const product = await newProduct(4);
      const orderId = randomUUID();
      await inventory.reserve(orderId, [{ productId: product.id, quantity: 2 }]);
      expect((await inventory.commit(orderId))?.status).toBe('COMMITTED');
      expect((await inventory.commit(orderId))?.status).toBe('COMMITTED');
      await inventory.release(orderId);
      expect(await stockOf(product.id)).toBe(2);
    });

    it('a release that arrives before the reservation makes the late reservation take nothing', async () => {
      const product = await newProduct(4);
      const orderId = randomUUID();
      expect(await inventory.release(orderId)).toEqual({ status: 'RELEASED' });
      expect(await inventory.reserve(orderId, [{ productId: product.id, quantity: 2 }])).toEqual({
        status: 'RELEASED',
      });
      expect(await stockOf(product.id)).toBe(4);
    });
  });
});
