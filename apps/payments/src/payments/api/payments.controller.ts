import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PaymentView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { PaymentsService } from '../application/payments.service';
import { ListPaymentsQuery } from './dto/list-payments.query';
import { PaymentListResponse } from './dto/payment.response';

@ApiTags('payments')
@Controller()
@Authenticated()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** The caller's own payments only; another user's order id simply matches nothing. */
  @Get()
  @ApiOkResponse({ type: PaymentListResponse })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListPaymentsQuery,
  ): Promise<{ items: PaymentView[] }> {
    return { items: await this.payments.list(user.id, query.orderId) };
  }
}
