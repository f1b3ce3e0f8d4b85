import { HttpStatus } from '@nestjs/common';
import { domainErrorFilter } from '@shop/platform/errors';
import { CartErrorCode, CartException } from '../domain/cart.exception';

/** The HTTP status the API answers each cart error with (api.md, "Errors"). */
export const CART_ERROR_STATUS: Readonly<Record<CartErrorCode, HttpStatus>> = {
  [CartErrorCode.UnknownProduct]: HttpStatus.NOT_FOUND,
  [CartErrorCode.CartFull]: HttpStatus.BAD_REQUEST,
  [CartErrorCode.EmptyCart]: HttpStatus.BAD_REQUEST,
  [CartErrorCode.CatalogUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [CartErrorCode.OrdersUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Cart's domain errors at the REST edge: the contract's error body with the code's status. */
export const CartErrorsFilter = domainErrorFilter(CartException, CART_ERROR_STATUS);
