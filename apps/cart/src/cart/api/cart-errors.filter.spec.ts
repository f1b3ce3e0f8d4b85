import { CartErrorCode } from '../domain/cart.exception';
import { CART_ERROR_STATUS } from './cart-errors.filter';

describe('CART_ERROR_STATUS', () => {
  it.each([
    [CartErrorCode.UnknownProduct, 404],
    [CartErrorCode.CartFull, 400],
    [CartErrorCode.EmptyCart, 400],
    [CartErrorCode.CatalogUnavailable, 503],
    [CartErrorCode.OrdersUnavailable, 503],
  ])('answers %s with %i (api.md)', (code, status) => {
    expect(CART_ERROR_STATUS[code]).toBe(status);
  });
});
