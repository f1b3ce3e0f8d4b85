import { HttpStatus } from '@nestjs/common';
import { domainErrorFilter } from '@shop/platform/errors';
import { ProductErrorCode, ProductException } from '../domain/product.exception';

/** The HTTP status the API answers each products error with (api.md, "Errors"). */
export const PRODUCT_ERROR_STATUS: Readonly<Record<ProductErrorCode, HttpStatus>> = {
  [ProductErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ProductErrorCode.SkuTaken]: HttpStatus.CONFLICT,
};

/** Products' domain errors at the REST edge: the contract's error body with the code's status. */
export const ProductErrorsFilter = domainErrorFilter(ProductException, PRODUCT_ERROR_STATUS);
