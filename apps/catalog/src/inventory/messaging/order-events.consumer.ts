import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderConfirmedV1, OrderPlacedV1 } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '@shop/platform/persistence';
import { InventoryService } from '../application/inventory.service';

/**
 * Catalog's part of the checkout saga: reserve on OrderPlaced (InventoryService answers it),
 * commit on OrderConfirmed, release on OrderCancelled. Each runs in the consumer's transaction
 * with its inbox row, so a redelivered event changes nothing.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, inventory: InventoryService) {
    consumer.on(OrderPlacedV1, ({ payload, tx, emit, envelope }) =>
      inventory.reserveForOrder(asTransaction(tx), emit, payload, envelope.correlationId),
    );
    consumer.on(OrderConfirmedV1, async ({ payload, tx }) => {
      await inventory.commit(payload.orderId, asTransaction(tx));
    });
    consumer.on(OrderCancelledV1, async ({ payload, tx }) => {
      await inventory.release(payload.orderId, asTransaction(tx));
    });
  }
}
