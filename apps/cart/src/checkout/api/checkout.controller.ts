import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, type OrderView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { CheckoutService } from '../application/checkout.service';
import { CheckoutRequest } from './dto/checkout.request';
import { PlacedOrderResponse } from './dto/placed-order.response';

@ApiTags('cart')
@Controller()
@Authenticated()
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
