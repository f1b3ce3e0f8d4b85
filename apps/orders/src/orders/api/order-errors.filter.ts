import { HttpStatus } from '@nestjs/common';
import { domainErrorFilter } from '@shop/platform/errors';
import { OrderErrorCode, OrderException } from '../domain/order.exception';

/** The HTTP status the API answers each orders error with (api.md, "Errors"). */
export const ORDER_ERROR_STATUS: Readonly<Record<OrderErrorCode, HttpStatus>> = {
  [OrderErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [OrderErrorCode.IdempotencyKeyMissing]: HttpStatus.BAD_REQUEST,
  [OrderErrorCode.CardRejected]: HttpStatus.BAD_REQUEST,
  [OrderErrorCode.IdempotencyKeyReused]: HttpStatus.CONFLICT,
};

/** Orders' domain errors at the REST edge: the contract's error body with the code's status. */
export const OrderErrorsFilter = domainErrorFilter(OrderException, ORDER_ERROR_STATUS);
