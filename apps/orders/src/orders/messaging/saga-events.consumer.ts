import { Injectable } from '@nestjs/common';
import {
  PaymentAuthorizedV1,
  PaymentDeclinedV1,
  StockReservationRejectedV1,
  StockReservedV1,
} from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '@shop/platform/persistence';
import { OrdersService } from '../application/orders.service';

/** Translates catalog's and payments' answers into saga steps (thin edge, docs/style.md §2). */
@Injectable()
export class SagaEventsConsumer {
  constructor(consumer: EventConsumer, orders: OrdersService) {
    consumer.on(StockReservedV1, ({ payload, tx, emit }) =>
      orders.advance(asTransaction(tx), emit, payload.orderId, {
        kind: 'StockReserved',
        lines: payload.lines,
      }),
    );
    consumer.on(StockReservationRejectedV1, ({ payload, tx, emit }) =>
      orders.advance(asTransaction(tx), emit, payload.orderId, {
        kind: 'StockReservationRejected',
        reason: payload.reason,
      }),
    );
    consumer.on(PaymentAuthorizedV1, ({ payload, tx, emit }) =>
      orders.advance(asTransaction(tx), emit, payload.orderId, { kind: 'PaymentAuthorized' }),
    );
    consumer.on(PaymentDeclinedV1, ({ payload, tx, emit }) =>
      orders.advance(asTransaction(tx), emit, payload.orderId, { kind: 'PaymentDeclined' }),
    );
  }
}
