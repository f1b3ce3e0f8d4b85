import { Body, Controller, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, type OrderView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { CartErrorsFilter } from '../../cart/api/cart-errors.filter';
import { CheckoutService } from '../application/checkout.service';
import { CheckoutRequest } from './dto/checkout.request';
import { PlacedOrderResponse } from './dto/placed-order.response';
import { OrderRefusedFilter } from './order-refused.filter';

@ApiTags('cart')
@Controller()
@Authenticated()
@UseFilters(CartErrorsFilter, OrderRefusedFilter)
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post('checkout')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiAcceptedResponse({ description: 'The order, PENDING', type: PlacedOrderResponse })
  place(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('authorization') authorization: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @Body() body: CheckoutRequest,
  ): Promise<OrderView> {
    return this.checkout.checkout(user.id, authorization, idempotencyKey, body.payment);
  }
}
