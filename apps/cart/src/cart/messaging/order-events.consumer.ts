import { Injectable } from '@nestjs/common';
import { OrderConfirmedV1 } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '@shop/platform/persistence';
import { CartService } from '../application/cart.service';

/**
 * A cart empties of what its checkout took once that order is CONFIRMED (lines changed since
 * stay; an order placed elsewhere changes nothing); cancellation leaves it.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, cart: CartService) {
    consumer.on(OrderConfirmedV1, ({ payload, tx }) =>
      cart.orderConfirmed(asTransaction(tx), payload),
    );
  }
}
