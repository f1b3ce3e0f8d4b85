import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { ProductErrorCode, ProductException } from '../domain/product.exception';

/** The HTTP status the API answers each products error with (api.md, "Errors"). */
export const PRODUCT_ERROR_STATUS: Readonly<Record<ProductErrorCode, HttpStatus>> = {
  [ProductErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ProductErrorCode.SkuTaken]: HttpStatus.CONFLICT,
};

/** Products' domain errors at the REST edge: the contract's error body with the code's status. */
@Catch(ProductException)
export class ProductErrorsFilter extends HttpErrorFilter {
  override catch(error: ProductException, host: ArgumentsHost): void {
    const status = PRODUCT_ERROR_STATUS[error.code];
    super.catch(new HttpException({ message: error.message, code: error.code }, status), host);
  }
}
