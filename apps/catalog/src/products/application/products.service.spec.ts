import type { ProductView } from '@shop/contracts';
import { ProductException } from '../product.exception';
import type { ProductSearch, ProductsRepository } from '../persistence/products.repository';
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

function serviceWith(found: ProductView | null) {
  const searches: ProductSearch[] = [];
  const lookups: string[] = [];
  const repository = {
    search: async (search: ProductSearch) => (
      searches.push(search),
      { items: [product], total: 1 }
    ),
    findById: async (id: string) => (lookups.push(id), found),
  } as unknown as ProductsRepository;
  return { service: new ProductsService(repository), searches, lookups };
}

describe('ProductsService', () => {
  it('pages with the contract defaults (limit 20, offset 0) and drops empty filters', async () => {
    const { service, searches } = serviceWith(null);
    await service.list({ q: '', category: '' });
    expect(searches).toEqual([{ q: undefined, category: undefined, limit: 20, offset: 0 }]);
  });

  it('passes filters and paging through', async () => {
    const { service, searches } = serviceWith(null);
    await service.list({ q: 'tent', category: 'outdoor', limit: 5, offset: 10 });
    expect(searches).toEqual([{ q: 'tent', category: 'outdoor', limit: 5, offset: 10 }]);
  });

  it('returns a product by id', async () => {
    const { service } = serviceWith(product);
    await expect(service.get(product.id)).resolves.toEqual(product);
  });

  it('answers not found for an unknown id, and for a malformed one without asking the database', async () => {
    const { service, lookups } = serviceWith(null);
    await expect(service.get(product.id)).rejects.toBeInstanceOf(ProductException);
    await expect(service.get('not-a-uuid')).rejects.toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    expect(lookups).toEqual([product.id]);
  });
});
