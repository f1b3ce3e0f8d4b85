import { Injectable } from '@nestjs/common';
import { OrderEvents, Topics } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '../../database/transaction';
import { PaymentsService } from '../application/payments.service';
import { OrderCancelledPayload, OrderPaymentRequestedPayload } from './order-events.payloads';

/** Payments' part of the saga: authorize on request, refund on cancellation. */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, payments: PaymentsService) {
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.paymentRequested,
      1,
      OrderPaymentRequestedPayload,
      ({ payload, tx, emit }) => payments.authorizeOrder(asTransaction(tx), emit, payload),
    );
    consumer.on(
      Topics.ordersOrders,
      OrderEvents.cancelled,
      1,
      OrderCancelledPayload,
      ({ payload, tx, emit }) => payments.refundOrder(asTransaction(tx), emit, payload.orderId),
    );
  }
}
