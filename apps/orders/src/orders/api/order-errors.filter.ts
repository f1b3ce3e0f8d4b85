import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { OrderErrorCode, OrderException } from '../domain/order.exception';

/** The HTTP status the API answers each orders error with (api.md, "Errors"). */
export const ORDER_ERROR_STATUS: Readonly<Record<OrderErrorCode, HttpStatus>> = {
  [OrderErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [OrderErrorCode.IdempotencyKeyMissing]: HttpStatus.BAD_REQUEST,
  [OrderErrorCode.CardRejected]: HttpStatus.BAD_REQUEST,
  [OrderErrorCode.IdempotencyKeyReused]: HttpStatus.CONFLICT,
};

/** Orders' domain errors at the REST edge: the contract's error body with the code's status. */
@Catch(OrderException)
export class OrderErrorsFilter extends HttpErrorFilter {
  override catch(error: OrderException, host: ArgumentsHost): void {
    const status = ORDER_ERROR_STATUS[error.code];
    super.catch(new HttpException({ message: error.message, code: error.code }, status), host);
  }
}
