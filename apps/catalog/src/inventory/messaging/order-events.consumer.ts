import { Injectable } from '@nestjs/common';
import { OrderEvents, Topics } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '../../database/transaction';
import { InventoryService } from '../application/inventory.service';
import {
  OrderCancelledPayload,
  OrderConfirmedPayload,
  OrderPlacedPayload,
} from './order-events.payloads';

/**
 * Catalog's part of the checkout saga: reserve on OrderPlaced (InventoryService answers it),
 * commit on OrderConfirmed, release on OrderCancelled. Each runs in the consumer's transaction
 * with its inbox row, so a redelivered event changes nothing.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, inventory: InventoryService) {
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.placed,
      1,
      OrderPlacedPayload,
      ({ payload, tx, emit, envelope }) =>
        inventory.reserveForOrder(asTransaction(tx), emit, payload, envelope.correlationId),
    );
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.confirmed,
      1,
      OrderConfirmedPayload,
      async ({ payload, tx }) => {
        await inventory.commit(payload.orderId, asTransaction(tx));
      },
    );
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.cancelled,
      1,
      OrderCancelledPayload,
      async ({ payload, tx }) => {
        await inventory.release(payload.orderId, asTransaction(tx));
      },
    );
  }
}
