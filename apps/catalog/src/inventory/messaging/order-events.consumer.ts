import { Injectable } from '@nestjs/common';
import {
  InventoryEvents,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  Topics,
  type StockReservationRejectedV1,
  type StockReservedV1,
} from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { InventoryService } from '../application/inventory.service';

/**
 * Catalog's part of the checkout saga: reserve on OrderPlaced (answering StockReserved or
 * StockReservationRejected), commit on OrderConfirmed, release on OrderCancelled. Each runs in
 * the consumer's transaction with its inbox row, so a redelivered event changes nothing.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, inventory: InventoryService) {
    consumer.on(OrderPlacedV1, async ({ payload, tx, emit, envelope }) => {
      const outcome = await inventory.reserve(payload.orderId, payload.items, tx);
      const base = {
        topic: Topics.catalogInventory,
        key: payload.orderId,
        version: 1,
        correlationId: envelope.correlationId,
      };
      if (outcome.status === 'RESERVED' || outcome.status === 'COMMITTED') {
        const reserved: StockReservedV1 = { orderId: payload.orderId, lines: [...outcome.lines] };
        await emit({ ...base, type: InventoryEvents.reserved, payload: reserved });
      } else if (outcome.status === 'REJECTED') {
        const rejected: StockReservationRejectedV1 = {
          orderId: payload.orderId,
          reason: outcome.reason,
        };
        await emit({ ...base, type: InventoryEvents.rejected, payload: rejected });
      }
      // RELEASED: the order was cancelled before its reservation arrived; nothing to answer.
    });
    consumer.on(OrderConfirmedV1, async ({ payload, tx }) => {
      await inventory.commit(payload.orderId, tx);
    });
    consumer.on(OrderCancelledV1, async ({ payload, tx }) => {
      await inventory.release(payload.orderId, tx);
    });
  }
}
