import { OrderErrorCode } from '../domain/order.exception';
import { ORDER_ERROR_STATUS } from './order-errors.filter';

describe('ORDER_ERROR_STATUS', () => {
  it.each([
    [OrderErrorCode.NotFound, 404],
    [OrderErrorCode.IdempotencyKeyMissing, 400],
    [OrderErrorCode.CardRejected, 400],
    [OrderErrorCode.IdempotencyKeyReused, 409],
  ])('answers %s with %i (api.md)', (code, status) => {
    expect(ORDER_ERROR_STATUS[code]).toBe(status);
  });
});
