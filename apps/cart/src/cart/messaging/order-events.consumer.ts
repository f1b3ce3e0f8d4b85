import { Injectable } from '@nestjs/common';
import { OrderConfirmedV1 } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { CartItemsRepository } from '../persistence/cart-items.repository';

/**
 * A cart empties of what its checkout took once that order is CONFIRMED (lines changed since
 * stay; an order placed elsewhere changes nothing); cancellation leaves it.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, items: CartItemsRepository) {
    consumer.on(OrderConfirmedV1, ({ payload, tx }) =>
      items.removeCheckedOut(tx, payload.userId, payload.orderId, payload.items),
    );
  }
}
