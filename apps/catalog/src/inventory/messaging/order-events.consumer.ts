import { Injectable } from '@nestjs/common';
import {
  InventoryEvents,
  OrderEvents,
  Topics,
  type StockReservationRejectedV1,
  type StockReservedV1,
} from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { InventoryService } from '../application/inventory.service';
import {
  OrderCancelledPayload,
  OrderConfirmedPayload,
  OrderPlacedPayload,
} from './order-events.payloads';

/**
 * Catalog's part of the checkout saga: reserve on OrderPlaced (answering StockReserved or
 * StockReservationRejected), commit on OrderConfirmed, release on OrderCancelled. Each runs in
 * the consumer's transaction with its inbox row, so a redelivered event changes nothing.
 */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, inventory: InventoryService) {
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.placed,
      1,
      OrderPlacedPayload,
      async ({ payload, tx, emit, envelope }) => {
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
      },
    );
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.confirmed,
      1,
      OrderConfirmedPayload,
      async ({ payload, tx }) => {
        await inventory.commit(payload.orderId, tx);
      },
    );
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.cancelled,
      1,
      OrderCancelledPayload,
      async ({ payload, tx }) => {
        await inventory.release(payload.orderId, tx);
      },
    );
  }
}
