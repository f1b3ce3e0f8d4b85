import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { OrderRefusedException } from '../domain/order-refused.exception';

/** Orders' refusal of a checkout, answered with orders' own status and error body. */
@Catch(OrderRefusedException)
export class OrderRefusedFilter implements ExceptionFilter<OrderRefusedException> {
  private readonly errors = new HttpErrorFilter();

  catch(refused: OrderRefusedException, host: ArgumentsHost): void {
    this.errors.catch(new HttpException(refused.body, refused.status), host);
  }
}
