import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { CartErrorCode, CartException } from '../domain/cart.exception';

/** The HTTP status the API answers each cart error with (api.md, "Errors"). */
export const CART_ERROR_STATUS: Readonly<Record<CartErrorCode, HttpStatus>> = {
  [CartErrorCode.UnknownProduct]: HttpStatus.NOT_FOUND,
  [CartErrorCode.CartFull]: HttpStatus.BAD_REQUEST,
  [CartErrorCode.EmptyCart]: HttpStatus.BAD_REQUEST,
  [CartErrorCode.CatalogUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [CartErrorCode.OrdersUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Cart's domain errors at the REST edge (cart and checkout): the error body with its status. */
@Catch(CartException)
export class CartErrorsFilter extends HttpErrorFilter {
  override catch(error: CartException, host: ArgumentsHost): void {
    const status = CART_ERROR_STATUS[error.code];
    super.catch(new HttpException({ message: error.message, code: error.code }, status), host);
  }
}
