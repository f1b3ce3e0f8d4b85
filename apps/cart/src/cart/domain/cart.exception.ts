import { DomainError } from '@shop/platform/errors';
import { CART_MAX_LINES } from '@shop/contracts';

export enum CartErrorCode {
  UnknownProduct = 'UNKNOWN_PRODUCT',
  CartFull = 'CART_FULL',
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
  EmptyCart = 'EMPTY_CART',
  OrdersUnavailable = 'ORDERS_UNAVAILABLE',
}

/**
 * The cart module's one exception type (style.md §3): a domain error with a code, no transport
 * in it. The API answers it by its code (api/cart-errors.filter.ts).
 */
export class CartException extends DomainError<CartErrorCode> {
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

  static emptyCart(): CartException {
    return new CartException(CartErrorCode.EmptyCart, 'the cart is empty: nothing to check out');
  }

  static ordersUnavailable(): CartException {
    return new CartException(
      CartErrorCode.OrdersUnavailable,
      'orders cannot be reached to place the order',
    );
  }
}
