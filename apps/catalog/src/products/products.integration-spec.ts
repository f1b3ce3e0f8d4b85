import * as net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel } from 'kafkajs';
import { Topics, type ErrorResponse, type ProductPage, type ProductView } from '@shop/contracts';
import { createHttpApp } from '@shop/platform/service-kit';
import { TopicProvisioner } from '@shop/platform/messaging';
import { migrateDatabase } from '@shop/platform/persistence';
import {
  expectEventually,
  freePort,
  queryDatabase,
  serviceEnv,
  sharedKafkaBrokers,
  type TestDatabase,
} from '@shop/testing';
import { AppModule } from '../app.module';
import { loadCatalogConfig, type CatalogConfig } from '../config/catalog.config';
import { catalogDataSourceOptions } from '../database/data-source';
import { SEED_PRODUCTS } from '../database/seed-products';
import { PRODUCT_CHANGES_LISTENER_NAME } from './persistence/product-changes.listener';
import { ProductReadCache } from './persistence/product-read-cache';

describe('catalog products (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let config: CatalogConfig;
  let database: TestDatabase;
  const quiet = () => undefined;

  beforeAll(async () => {
    const prepared = await serviceEnv('catalog');
    database = prepared.database;
    config = loadCatalogConfig(prepared.env);
    await migrateDatabase(catalogDataSourceOptions(config), quiet);
    app = await createHttpApp({
      name: 'catalog',
      module: AppModule.register(config),
      config,
      openApi: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function get<T>(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers });
    const body = (response.body === '' ? undefined : response.json()) as T;
    return { status: response.statusCode, body, headers: response.headers };
  }

  const sql = <T>(text: string, params: unknown[] = []) => queryDatabase<T>(database, text, params);

  describe('migrations', () => {
    it('created the schema and the seed data', async () => {
      const applied = await sql<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
      expect(applied.map((m) => m.name)).toEqual([
        'CreateProducts1764115200000',
        'SeedProducts1764115200001',
        'CreateStockReservations1764200000000',
        'CreateMessaging1764300000000',
        'OutboxDeliveryTracking1764600000000',
        'NotifyProductChanges1764900000000',
      ]);
      const [{ products, categories }] = await sql<{ products: number; categories: number }>(
        'SELECT count(*)::int AS products, count(DISTINCT category)::int AS categories FROM products',
      );
      expect(products).toBe(SEED_PRODUCTS.length);
      expect(products).toBeGreaterThanOrEqual(20);
      expect(categories).toBeGreaterThanOrEqual(4);
    });

    it('is idempotent, also when replicas migrate at the same moment', async () => {
      const lines: string[] = [];
      await Promise.all(
        [1, 2, 3].map(() =>
          migrateDatabase(catalogDataSourceOptions(config), (line) => lines.push(line)),
        ),
      );
      expect(lines).toEqual(Array(3).fill('database schema is up to date'));
      const [{ count }] = await sql<{ count: number }>(
        'SELECT count(*)::int AS count FROM schema_migrations',
      );
      expect(count).toBe(6);
    });

    it('applies each migration once when fresh replicas race on an empty database', async () => {
      const fresh = await serviceEnv('catalog_race');
      const options = catalogDataSourceOptions(loadCatalogConfig(fresh.env));
      const lines: string[] = [];
      await Promise.all([1, 2, 3].map(() => migrateDatabase(options, (line) => lines.push(line))));
      expect(lines.filter((l) => l.startsWith('applied 6 migration'))).toHaveLength(1);
      expect(lines.filter((l) => l === 'database schema is up to date')).toHaveLength(2);
    });

    it('waits for a database that is not answering yet, and fails at once on a wrong password', async () => {
      const fresh = await serviceEnv('catalog_late');
      const options = catalogDataSourceOptions(loadCatalogConfig(fresh.env));
      // A port where nothing listens yet (connection refused), forwarded to Postgres a moment
      // later: a service container started before its database's.
      const forwarder = net.createServer((client) => {
        const upstream = net.connect(options.port ?? 5432, options.host);
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      const port = await freePort();
      const lines: string[] = [];
      const migrating = migrateDatabase({ ...options, host: '127.0.0.1', port }, (line) =>
        lines.push(line),
      );
      await expectEventually(() =>
        expect(lines.some((l) => l.startsWith('waiting for the database'))).toBe(true),
      );
      await new Promise<void>((resolve) => forwarder.listen(port, '127.0.0.1', resolve));
      try {
        await migrating;
      } finally {
        forwarder.close();
      }
      expect(lines.filter((l) => l.includes('ECONNREFUSED')).length).toBeGreaterThanOrEqual(1);
      expect(lines.at(-1)).toMatch(/^applied 6 migration/);

      const started = Date.now();
      await expect(
        migrateDatabase({ ...options, password: 'not-the-password' }, () => undefined),
      ).rejects.toThrow(/password authentication failed/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe('GET /products', () => {
    it('pages with limit 20 by default and reports the total', async () => {
      const { status, body } = await get<ProductPage>('/products');
      expect(status).toBe(200);
      expect(body.items).toHaveLength(20);
      expect(body.total).toBe(SEED_PRODUCTS.length);
    });

    it('pages with limit and offset, and past the end keeps the total', async () => {
      const first = await get<ProductPage>('/products?limit=5&offset=0');
      const second = await get<ProductPage>('/products?limit=5&offset=5');
      expect(second.body.items).toHaveLength(5);
      expect(second.body.items.map((p) => p.id)).not.toContain(first.body.items[0].id);
      const beyond = await get<ProductPage>('/products?offset=500');
      expect(beyond.body).toEqual({ items: [], total: SEED_PRODUCTS.length });
    });

    it('searches name and description by full text, best match first', async () => {
      const byName = await get<ProductPage>('/products?q=keyboard');
      expect(byName.body.items.map((p) => p.sku)).toEqual(['ELEC-002']);
      const stemmed = await get<ProductPage>('/products?q=batteries');
      expect(stemmed.body.total).toBeGreaterThanOrEqual(3);
      const byDescription = await get<ProductPage>(
        '/products?q=' + encodeURIComponent('bounded contexts'),
      );
      expect(byDescription.body.items[0].sku).toBe('BOOK-005');
      const none = await get<ProductPage>('/products?q=zeppelin');
      expect(none.body).toEqual({ items: [], total: 0 });
    });

    it('filters by category, case-insensitively, and combines with search', async () => {
      const books = await get<ProductPage>('/products?category=Books');
      expect(books.body.total).toBe(SEED_PRODUCTS.filter((p) => p.category === 'books').length);
      expect(books.body.items.every((p) => p.category === 'books')).toBe(true);
      const both = await get<ProductPage>('/products?category=outdoor&q=tent');
      expect(both.body.items.map((p) => p.sku)).toEqual(['OUT-002']);
      const elsewhere = await get<ProductPage>('/products?category=books&q=tent');
      expect(elsewhere.body.total).toBe(0);
    });

    it.each([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['q=' + 'x'.repeat(201), 'q'],
      ['category=%00', 'category'],
    ])('answers %s with a 400 naming the parameter', async (query, field) => {
      const { status, body } = await get<ErrorResponse>(`/products?${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
      });
      expect(body.message).toContain(field);
    });

    it('ignores query parameters it does not know (the declared ones still count)', async () => {
      const plain = await get<ProductPage>('/products?category=books&limit=3');
      const extra = await get<ProductPage>('/products?category=books&limit=3&color=red&_=1');
      expect(extra.status).toBe(200);
      expect(extra.body).toEqual(plain.body);
      expect(extra.body.items).toHaveLength(3);
    });
  });

  describe('GET /products/:id', () => {
    it('returns one product with the contract fields', async () => {
      const seed = SEED_PRODUCTS[0];
      const { status, body } = await get<ProductView>(`/products/${seed.id}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        id: seed.id,
        sku: seed.sku,
        name: seed.name,
        description: seed.description,
        category: seed.category,
        priceCents: seed.priceCents,
        currency: 'USD',
        stock: seed.stock,
      });
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const { status, body } = await get<ErrorResponse>(`/products/${id}`);
        expect(status).toBe(404);
        expect(body).toMatchObject({
          statusCode: 404,
          error: 'Not Found',
          code: 'PRODUCT_NOT_FOUND',
        });
      }
    });
  });

  describe('the read cache, kept fresh by change notices from the database', () => {
    // Seed products these tests change; each test puts the stock back.
    const seed = SEED_PRODUCTS[1];
    const stockOf = async () => (await get<ProductView>(`/products/${seed.id}`)).body.stock;
    const setStockInDatabase = (stock: number) =>
      sql('UPDATE products SET stock = $2 WHERE id = $1', [seed.id, stock]);
    const cacheActive = () => expect(app.get(ProductReadCache).active).toBe(true);

    afterEach(async () => {
      await sql('ALTER TABLE products ENABLE TRIGGER products_changed');
      await setStockInDatabase(seed.stock);
      await expectEventually(async () => expect(await stockOf()).toBe(seed.stock));
    });

    it('tags a product (ETag, no-cache) and answers 304 while the tag is current', async () => {
      const first = await get<ProductView>(`/products/${seed.id}`);
      expect(first.headers['cache-control']).toBe('no-cache');
      const etag = String(first.headers['etag']);
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);

      const unchanged = await get(`/products/${seed.id}`, { 'if-none-match': etag });
      expect(unchanged.status).toBe(304);
      expect(unchanged.body).toBeUndefined();
      expect(unchanged.headers['etag']).toBe(etag);

      const other = await get<ProductView>(`/products/${seed.id}`, { 'if-none-match': '"x"' });
      expect(other.status).toBe(200);
      expect(other.body).toEqual(first.body);
    });

    it('serves from memory while notices arrive: a change nobody announced is not seen', async () => {
      // Read until the copy is kept (a late notice of the last test's write may drop one load).
      await expectEventually(async () => {
        expect(await stockOf()).toBe(seed.stock);
        expect(app.get(ProductReadCache).holds(seed.id)).toBe(true);
      });
      await sql('ALTER TABLE products DISABLE TRIGGER products_changed');
      await setStockInDatabase(seed.stock + 5);
      expect(await stockOf()).toBe(seed.stock); // from memory: proof that reads are cached
    });

    it('shows a change made by any writer (here psql) on the next reads, tag and all', async () => {
      await expectEventually(cacheActive);
      const before = await get<ProductView>(`/products/${seed.id}`);
      await setStockInDatabase(seed.stock + 7);
      const after = await expectEventually(
        async () => {
          const read = await get<ProductView>(`/products/${seed.id}`, {
            'if-none-match': String(before.headers['etag']),
          });
          expect(read.status).toBe(200);
          expect(read.body.stock).toBe(seed.stock + 7);
          return read;
        },
        { timeoutMs: 2_000, intervalMs: 20 },
      );
      expect(after.headers['etag']).not.toBe(before.headers['etag']);
    });

    it('reads through while its listener is cut off, and listens again by itself', async () => {
      await expectEventually(cacheActive);
      expect(await stockOf()).toBe(seed.stock);
      const [{ cut }] = await sql<{ cut: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
         WHERE application_name = $1`,
        [PRODUCT_CHANGES_LISTENER_NAME],
      );
      expect(cut).toBe(1);
      await expectEventually(() => expect(app.get(ProductReadCache).active).toBe(false), {
        intervalMs: 20,
      });
      // Notices are off too, so only a read that goes to the database can see this.
      await sql('ALTER TABLE products DISABLE TRIGGER products_changed');
      await setStockInDatabase(seed.stock + 3);
      expect(await stockOf()).toBe(seed.stock + 3);
      await sql('ALTER TABLE products ENABLE TRIGGER products_changed');
      await expectEventually(cacheActive);
    });
  });

  describe('health and Kafka', () => {
    it('is live and ready with its database and Kafka', async () => {
      expect((await get('/health/live')).status).toBe(200);
      const ready = await get<{ status: string; info: Record<string, { status: string }> }>(
        '/health/ready',
      );
      expect(ready.status).toBe(200);
      expect(ready.body.info['database'].status).toBe('up');
      expect(ready.body.info['kafka'].status).toBe('up');
    });

    it('created its topics explicitly with the configured partitions', async () => {
      await app.get(TopicProvisioner).whenReady();
      const admin = new Kafka({
        clientId: 'test',
        brokers: sharedKafkaBrokers(),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        const { topics } = await admin.fetchTopicMetadata({
          topics: [Topics.catalogInventory, Topics.ordersOrders],
        });
        expect(topics.map((t) => t.partitions.length)).toEqual([6, 6]);
      } finally {
        await admin.disconnect();
      }
    });
  });
});
