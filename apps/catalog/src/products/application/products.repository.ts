import type { ProductView } from '@shop/contracts';

export interface ProductSearch {
  readonly q?: string;
  readonly category?: string;
  readonly limit: number;
  readonly offset: number;
}

/** The port to the products table (persistence/postgres-products.repository.ts). */
export abstract class ProductsRepository {
  abstract search(search: ProductSearch): Promise<{ items: ProductView[]; total: number }>;

  /** Inserts a product; null when the SKU is taken. */
  abstract insert(product: Omit<ProductView, 'id'>): Promise<ProductView | null>;

  /** Sets the available quantity; null when there is no such product. */
  abstract setStock(id: string, stock: number): Promise<ProductView | null>;

  abstract findById(id: string): Promise<ProductView | null>;
}
