import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER, type OrderView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { OrderEventsStream } from './order-events.stream';
import { OrdersService } from '../application/orders.service';
import { OrderListResponse, OrderResponse } from './dto/order.response';
import { PlaceOrderRequest } from './dto/place-order.request';
import { OrderErrorsFilter } from './order-errors.filter';

@ApiTags('orders')
@Controller()
@Authenticated()
@UseFilters(OrderErrorsFilter)
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly stream: OrderEventsStream,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiAcceptedResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'Idempotency-Key reused with a different body' })
  place(
    @CurrentUser() user: AuthenticatedUser,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @Body() body: PlaceOrderRequest,
  ): Promise<OrderView> {
    return this.orders.place({
      userId: user.id,
      idempotencyKey: idempotencyKey ?? '',
      items: body.items,
      payment: body.payment,
    });
  }

  @Get()
  @ApiOkResponse({ type: OrderListResponse })
  list(@CurrentUser() user: AuthenticatedUser): Promise<{ items: OrderView[] }> {
    return this.orders.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderResponse })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<OrderView> {
    return this.orders.get(user.id, id);
  }

  @Get(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'One `status` event per status change; closes at CONFIRMED or CANCELLED',
  })
  @ApiNotFoundResponse()
  async events(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const first = await this.orders.get(user.id, id);
    await this.stream.serve(reply, user.id, first);
  }
}
