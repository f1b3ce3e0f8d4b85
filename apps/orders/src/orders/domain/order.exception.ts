import { DomainError } from '@shop/platform/errors';

export enum OrderErrorCode {
  NotFound = 'ORDER_NOT_FOUND',
  IdempotencyKeyMissing = 'IDEMPOTENCY_KEY_REQUIRED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  CardRejected = 'INVALID_PAYMENT',
}

/**
 * The orders module's one exception type (style.md §3): a domain error with a code, no
 * transport in it. The API answers it by its code (api/order-errors.filter.ts).
 */
export class OrderException extends DomainError<OrderErrorCode> {
  static notFound(id: string): OrderException {
    return new OrderException(OrderErrorCode.NotFound, `order ${id} not found`);
  }

  static idempotencyKeyMissing(): OrderException {
    return new OrderException(
      OrderErrorCode.IdempotencyKeyMissing,
      'Idempotency-Key header is required (1..100 characters: letters, digits, - _ . :)',
    );
  }

  static idempotencyKeyReused(): OrderException {
    return new OrderException(
      OrderErrorCode.IdempotencyKeyReused,
      'Idempotency-Key was already used with a different request body',
    );
  }

  static cardRejected(message: string): OrderException {
    return new OrderException(OrderErrorCode.CardRejected, message);
  }
}
