import type { ProductView } from '@shop/contracts';
import { PRODUCT_ERROR_STATUS } from '../api/product-errors.filter';
import { ProductException } from '../domain/product.exception';
import { ProductReadCache } from '../persistence/product-read-cache';
import type { ProductSearch, ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';

const product: ProductView = {
  id: '903d64a3-b4be-50b8-9b54-92e3b883e606',
  sku: 'ELEC-001',
  name: 'Headphones',
  description: 'Quiet',
  category: 'electronics',
  priceCents: 19900,
  currency: 'USD',
  stock: 4,
};

/**
 * A recording fake of the repository: it knows the products in `stored` by id and sku, and
 * records every call, so a test can check what the service asked for and how it answered
 * what the repository said (not merely that a stub's value comes back).
 */
function serviceWith(stored: ProductView[] = [], cache = new ProductReadCache()) {
  const searches: ProductSearch[] = [];
  const lookups: string[] = [];
  const inserts: Omit<ProductView, 'id'>[] = [];
  const stockUpdates: { id: string; stock: number }[] = [];
  const byId = (id: string) => stored.find((p) => p.id === id) ?? null;
  const repository = {
    search: async (search: ProductSearch) => {
      searches.push(search);
      return { items: stored, total: stored.length };
    },
    findById: async (id: string) => {
      lookups.push(id);
      return byId(id);
    },
    insert: async (input: Omit<ProductView, 'id'>) => {
      inserts.push(input);
      if (stored.some((p) => p.sku === input.sku)) return null;
      return { ...input, id: 'c0ffee00-0000-4000-8000-000000000001' };
    },
    setStock: async (id: string, stock: number) => {
      stockUpdates.push({ id, stock });
      const index = stored.findIndex((p) => p.id === id);
      if (index < 0) return null;
      stored[index] = { ...stored[index], stock };
      return stored[index];
    },
  } as unknown as ProductsRepository;
  return {
    service: new ProductsService(repository, cache),
    searches,
    lookups,
    inserts,
    stockUpdates,
  };
}

describe('ProductsService', () => {
  it('pages with the contract defaults (limit 20, offset 0) and drops empty filters', async () => {
    const { service, searches } = serviceWith();
    await service.list({ q: '', category: '' });
    expect(searches).toEqual([{ q: undefined, category: undefined, limit: 20, offset: 0 }]);
  });

  it('passes filters and paging through', async () => {
    const { service, searches } = serviceWith();
    await service.list({ q: 'tent', category: 'outdoor', limit: 5, offset: 10 });
    expect(searches).toEqual([{ q: 'tent', category: 'outdoor', limit: 5, offset: 10 }]);
  });

  it('looks a product up by the id it was asked for', async () => {
    const other: ProductView = { ...product, id: 'a1b2c3d4-0000-4000-8000-00000000000f' };
    const { service, lookups } = serviceWith([product, other]);
    await expect(service.get(other.id)).resolves.toMatchObject({ product: other });
    await expect(service.get(product.id)).resolves.toMatchObject({ product });
    expect(lookups).toEqual([other.id, product.id]);
  });

  it('answers repeated reads from the read cache while it is active, with the same tag', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { service, lookups } = serviceWith([product], cache);
    const first = await service.get(product.id);
    const second = await service.get(product.id);
    expect(second).toEqual(first);
    expect(lookups).toEqual([product.id]);
  });

  it('forgets its cached copy when it sets the stock, so the next read sees the new stock', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { service, lookups } = serviceWith([{ ...product }], cache);
    const before = await service.get(product.id);
    await service.setStock(product.id, 9);
    const after = await service.get(product.id);
    expect(after.product.stock).toBe(9);
    expect(after.etag).not.toBe(before.etag);
    expect(lookups).toEqual([product.id, product.id]);
  });

  it('answers not found for an unknown id, and for a malformed one without asking the database', async () => {
    const { service, lookups } = serviceWith();
    await expect(service.get(product.id)).rejects.toBeInstanceOf(ProductException);
    await expect(service.get('not-a-uuid')).rejects.toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    expect(lookups).toEqual([product.id]);
  });

  it('creates a product with trimmed fields, a lower-case category and USD', async () => {
    const { service, inserts } = serviceWith();
    const created = await service.create({
      sku: ' LAMP-7 ',
      name: ' Desk lamp ',
      description: ' Bright ',
      category: ' Home ',
      priceCents: 2500,
      stock: 3,
    });
    expect(inserts).toEqual([
      {
        sku: 'LAMP-7',
        name: 'Desk lamp',
        description: 'Bright',
        category: 'home',
        priceCents: 2500,
        currency: 'USD',
        stock: 3,
      },
    ]);
    expect(created).toMatchObject({ sku: 'LAMP-7', category: 'home', currency: 'USD' });
  });

  it('answers a taken sku (the repository inserted nothing) with SKU_TAKEN, a 409', async () => {
    const { service } = serviceWith([product]);
    const refused = service.create({ ...product, sku: product.sku });
    await expect(refused).rejects.toBeInstanceOf(ProductException);
    await expect(refused).rejects.toMatchObject({ code: 'SKU_TAKEN' });
    const error = await refused.catch((e: ProductException) => e);
    expect(PRODUCT_ERROR_STATUS[(error as ProductException).code]).toBe(409);
  });

  it('sets the stock of the product named, and answers not found for unknown or malformed ids', async () => {
    const { service, stockUpdates } = serviceWith([product]);
    await expect(service.setStock(product.id, 9)).resolves.toMatchObject({
      id: product.id,
      stock: 9,
    });
    const unknown = 'a1b2c3d4-0000-4000-8000-00000000000f';
    await expect(service.setStock(unknown, 1)).rejects.toMatchObject({
      code: 'PRODUCT_NOT_FOUND',
    });
    await expect(service.setStock('not-a-uuid', 1)).rejects.toMatchObject({
      code: 'PRODUCT_NOT_FOUND',
    });
    expect(stockUpdates).toEqual([
      { id: product.id, stock: 9 },
      { id: unknown, stock: 1 },
    ]);
  });
});
