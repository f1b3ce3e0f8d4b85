import { DomainError } from '@shop/platform/errors';
export enum ProductErrorCode {
  NotFound = 'PRODUCT_NOT_FOUND',
  SkuTaken = 'SKU_TAKEN',
}

/**
 * The products module's one exception type (style.md §3): a domain error with a code, no
 * transport in it. The API answers it by its code (api/product-errors.filter.ts).
 */
export class ProductException extends DomainError<ProductErrorCode> {
  static notFound(id: string): ProductException {
    return new ProductException(ProductErrorCode.NotFound, `product ${id} not found`);
  }

  static skuTaken(sku: string): ProductException {
    return new ProductException(ProductErrorCode.SkuTaken, `sku ${sku} is already taken`);
  }
}
