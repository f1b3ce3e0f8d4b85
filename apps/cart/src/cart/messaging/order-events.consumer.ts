import { Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { OrderEvents, Topics, type OrderConfirmedV1, type OrderLine } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '../../database/transaction';
import { CartService } from '../application/cart.service';

class OrderLinePayload implements OrderLine {
  @IsString() readonly productId!: string;
  @IsInt() @Min(1) readonly quantity!: number;
}

export class OrderConfirmedPayload implements OrderConfirmedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @ValidateNested({ each: true }) @Type(() => OrderLinePayload) readonly items!: OrderLinePayload[];
}

/**
 * A cart empties of what its checkout took once that order is CONFIRMED (lines changed since
 * stay; an order placed elsewhere changes nothing); cancellation leaves it.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, cart: CartService) {
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.confirmed,
      1,
      OrderConfirmedPayload,
      ({ payload, tx }) => cart.orderConfirmed(asTransaction(tx), payload),
    );
  }
}
