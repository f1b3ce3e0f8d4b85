import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { OrderRefusedException } from '../domain/order-refused.exception';

/** Orders' refusal of a checkout, answered with orders' own status and error body. */
@Catch(OrderRefusedException)
export class OrderRefusedFilter extends HttpErrorFilter {
  override catch(refused: OrderRefusedException, host: ArgumentsHost): void {
    super.catch(new HttpException(refused.body, refused.status), host);
  }
}
