import { Injectable } from '@nestjs/common';
import { InventoryEvents, PaymentEvents, Topics } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '../../database/transaction';
import { OrdersService } from '../application/orders.service';
import {
  PaymentAuthorizedPayload,
  PaymentDeclinedPayload,
  StockReservationRejectedPayload,
  StockReservedPayload,
} from './saga-events.payloads';

/** Translates catalog's and payments' answers into saga steps (thin edge, style.md §2). */
@Injectable()
export class SagaEventsConsumer {
  constructor(consumer: EventConsumer, orders: OrdersService) {
    consumer.on(
      Topics.catalogInventory,
      InventoryEvents.reserved,
      1,
      StockReservedPayload,
      ({ payload, tx, emit }) =>
        orders.advance(asTransaction(tx), emit, payload.orderId, {
          kind: 'StockReserved',
          lines: payload.lines,
        }),
    );
    consumer.on(
      Topics.catalogInventory,
      InventoryEvents.rejected,
      1,
      StockReservationRejectedPayload,
      ({ payload, tx, emit }) =>
        orders.advance(asTransaction(tx), emit, payload.orderId, {
          kind: 'StockReservationRejected',
          reason: payload.reason,
        }),
    );
    consumer.on(
      Topics.paymentsPayments,
      PaymentEvents.authorized,
      1,
      PaymentAuthorizedPayload,
      ({ payload, tx, emit }) =>
        orders.advance(asTransaction(tx), emit, payload.orderId, { kind: 'PaymentAuthorized' }),
    );
    consumer.on(
      Topics.paymentsPayments,
      PaymentEvents.declined,
      1,
      PaymentDeclinedPayload,
      ({ payload, tx, emit }) =>
        orders.advance(asTransaction(tx), emit, payload.orderId, { kind: 'PaymentDeclined' }),
    );
  }
}
