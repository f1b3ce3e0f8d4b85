import type { ArgumentsHost } from '@nestjs/common';
import { ProductException } from '../domain/product.exception';
import { ProductErrorsFilter } from './product-errors.filter';

/** The body and status the filter sends for an error, through a recording reply. */
function answerTo(error: ProductException): { status?: number; body?: unknown } {
  const sent: { status?: number; body?: unknown } = {};
  const reply = {
    status: (code: number) => ((sent.status = code), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProductErrorsFilter().catch(error, host);
  return sent;
}

describe('ProductErrorsFilter', () => {
  it('answers an unknown product with the contract 404 body', () => {
    expect(answerTo(ProductException.notFound('p-1'))).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'product p-1 not found',
        code: 'PRODUCT_NOT_FOUND',
      },
    });
  });

  it('answers a taken sku with 409 SKU_TAKEN', () => {
    expect(answerTo(ProductException.skuTaken('A-1'))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'sku A-1 is already taken',
        code: 'SKU_TAKEN',
      },
    });
  });
});
