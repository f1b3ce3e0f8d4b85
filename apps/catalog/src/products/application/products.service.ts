import { Injectable } from '@nestjs/common';
import {
  isUuid,
  PRODUCT_PAGE_LIMIT_DEFAULT,
  type ProductPage,
  type ProductView,
} from '@shop/contracts';
import { ProductException } from '../domain/product.exception';
import { ProductReadCache, type TaggedProduct } from '../persistence/product-read-cache';
import { ProductsRepository } from './products.repository';

export interface ProductQuery {
  readonly q?: string;
  readonly category?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface NewProduct {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceCents: number;
  readonly stock: number;
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly cache: ProductReadCache,
  ) {}

  list(query: ProductQuery): Promise<ProductPage> {
    return this.products.search({
      q: query.q || undefined,
      category: query.category || undefined,
      limit: query.limit ?? PRODUCT_PAGE_LIMIT_DEFAULT,
      offset: query.offset ?? 0,
    });
  }

  async create(input: NewProduct): Promise<ProductView> {
    const created = await this.products.insert({
      sku: input.sku.trim(),
      name: input.name.trim(),
      description: input.description.trim(),
      category: input.category.trim().toLowerCase(),
      priceCents: input.priceCents,
      currency: 'USD',
      stock: input.stock,
    });
    if (!created) throw ProductException.skuTaken(input.sku);
    return created;
  }

  async setStock(id: string, stock: number): Promise<ProductView> {
    const updated = isUuid(id) ? await this.products.setStock(id, stock) : null;
    if (!updated) throw ProductException.notFound(id);
    // The change notice reaches every replica; this one forgets at once, so its own caller's
    // next read sees the new stock without waiting for it.
    this.cache.invalidate(id);
    return updated;
  }

  /**
   * One product and its entity tag, from this replica's read cache when it holds it (kept fresh
   * by the database's change notices). A malformed id names no product: 404, like any unknown
   * id (docs/api.md lists only 404 here).
   */
  async get(id: string): Promise<TaggedProduct> {
    const found = isUuid(id)
      ? await this.cache.read(id, (key) => this.products.findById(key))
      : null;
    if (!found) throw ProductException.notFound(id);
    return found;
  }
}
