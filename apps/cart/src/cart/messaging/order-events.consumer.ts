import { Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { OrderEvents, Topics, type OrderConfirmedV1, type OrderLine } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { CartItemsRepository } from '../persistence/cart-items.repository';

class OrderLinePayload implements OrderLine {
  @IsString() readonly productId!: string;
  @IsInt() @Min(1) readonly quantity!: number;
}

export class OrderConfirmedPayload implements OrderConfirmedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @ValidateNested({ each: true }) @Type(() => OrderLinePayload) readonly items!: OrderLinePayload[];
}

/** The cart empties of what was ordered once the order is CONFIRMED; cancellation leaves it. */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, items: CartItemsRepository) {
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.confirmed,
      1,
      OrderConfirmedPayload,
      ({ payload, tx }) =>
        items.removeOrdered(
          tx,
          payload.userId,
          payload.items.map((i) => i.productId),
        ),
    );
  }
}
