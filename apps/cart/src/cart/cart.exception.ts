import { AppException } from '@shop/platform/errors';
import { CART_MAX_LINES } from '@shop/contracts';

export enum CartErrorCode {
  UnknownProduct = 'UNKNOWN_PRODUCT',
  CartFull = 'CART_FULL',
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
}

export class CartException extends AppException<CartErrorCode> {
  static unknownProduct(productId: string): CartException {
    return new CartException(CartErrorCode.UnknownProduct, `product ${productId} not found`);
  }

  static cartFull(): CartException {
    return new CartException(
      CartErrorCode.CartFull,
      `a cart holds at most ${CART_MAX_LINES} different products`,
    );
  }

  static catalogUnavailable(): CartException {
    return new CartException(
      CartErrorCode.CatalogUnavailable,
      'the catalog cannot be reached to price this product',
    );
  }

  httpStatus(): number {
    switch (this.code) {
      case CartErrorCode.UnknownProduct:
        return 404;
      case CartErrorCode.CartFull:
        return 400;
      case CartErrorCode.CatalogUnavailable:
        return 503;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
