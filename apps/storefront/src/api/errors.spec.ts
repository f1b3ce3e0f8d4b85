import { ApiError, describeError, errorFromResponse, partOfPath } from './errors';

describe('errors as shoppers read them', () => {
  it('names the part of the shop from the gateway path', () => {
    expect(partOfPath('/api/catalog/products?q=x')).toBe('catalog');
    expect(partOfPath('/api/orders/1/events')).toBe('orders');
    expect(partOfPath('/api/cart')).toBe('cart');
    expect(partOfPath('/elsewhere')).toBe('shop');
  });

  it('says which part is unavailable and why on a 503', () => {
    const error = errorFromResponse(
      503,
      { statusCode: 503, message: 'catalog is unavailable', code: 'UPSTREAM_CIRCUIT_OPEN' },
      '/api/catalog/products',
    );
    expect(error.unavailable).toBe(true);
    expect(describeError(error)).toMatch(
      /^The catalog is unavailable right now: it has been failing/,
    );
  });

  it('reports timeouts and network failures without a status', () => {
    expect(describeError(new ApiError(0, 'x', 'TIMEOUT', 'payments'))).toMatch(
      /^Payments is unavailable right now: it did not answer in time/,
    );
  });

  it("keeps the service's message otherwise", () => {
    const error = errorFromResponse(409, { message: 'email taken' }, '/api/accounts/signup');
    expect(error.unavailable).toBe(false);
    expect(describeError(error)).toBe('email taken.');
    expect(describeError(errorFromResponse(500, 'oops', '/api/cart')).length).toBeGreaterThan(0);
  });
});
