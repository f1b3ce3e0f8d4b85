import { AppException } from '@shop/platform/errors';

export enum ProductErrorCode {
  NotFound = 'PRODUCT_NOT_FOUND',
  SkuTaken = 'SKU_TAKEN',
}

/** The products module's one exception type (docs/style.md §3). */
export class ProductException extends AppException<ProductErrorCode> {
  static notFound(id: string): ProductException {
    return new ProductException(ProductErrorCode.NotFound, `product ${id} not found`);
  }

  static skuTaken(sku: string): ProductException {
    return new ProductException(ProductErrorCode.SkuTaken, `sku ${sku} is already taken`);
  }

  httpStatus(): number {
    switch (this.code) {
      case ProductErrorCode.NotFound:
        return 404;
      case ProductErrorCode.SkuTaken:
        return 409;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
