import { AppException } from '@shop/platform/errors';

export enum OrderErrorCode {
  NotFound = 'ORDER_NOT_FOUND',
  IdempotencyKeyMissing = 'IDEMPOTENCY_KEY_REQUIRED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  CardRejected = 'INVALID_PAYMENT',
}

export class OrderException extends AppException<OrderErrorCode> {
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

  httpStatus(): number {
    switch (this.code) {
      case OrderErrorCode.NotFound:
        return 404;
      case OrderErrorCode.IdempotencyKeyMissing:
      case OrderErrorCode.CardRejected:
        return 400;
      case OrderErrorCode.IdempotencyKeyReused:
        return 409;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
