/** Catalog resources as the public API returns them (docs/api.md, "Catalog"). */
export interface ProductView {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceCents: number;
  readonly currency: string;
  /** Quantity available to order now; reserved units are not available. */
  readonly stock: number;
}

export interface ProductPage {
  readonly items: ProductView[];
  readonly total: number;
}

export const PRODUCT_PAGE_LIMIT_DEFAULT = 20;
export const PRODUCT_PAGE_LIMIT_MAX = 100;
