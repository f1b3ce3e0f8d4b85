import { Injectable } from '@nestjs/common';
import { PRODUCT_PAGE_LIMIT_DEFAULT, type ProductPage, type ProductView } from '@shop/contracts';
import { ProductException } from '../product.exception';
import { ProductsRepository } from '../persistence/products.repository';
import { isUuid } from './is-uuid';

export interface ProductQuery {
  readonly q?: string;
  readonly category?: string;
  readonly limit?: number;
  readonly offset?: number;
}

@Injectable()
export class ProductsService {
  constructor(private readonly products: ProductsRepository) {}

  list(query: ProductQuery): Promise<ProductPage> {
    return this.products.search({
      q: query.q || undefined,
      category: query.category || undefined,
      limit: query.limit ?? PRODUCT_PAGE_LIMIT_DEFAULT,
      offset: query.offset ?? 0,
    });
  }

  /** A malformed id names no product: 404, like any unknown id (api.md lists only 404 here). */
  async get(id: string): Promise<ProductView> {
    const product = isUuid(id) ? await this.products.findById(id) : null;
    if (!product) throw ProductException.notFound(id);
    return product;
  }
}
