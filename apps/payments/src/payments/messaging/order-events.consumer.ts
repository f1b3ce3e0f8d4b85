import { Injectable } from '@nestjs/common';
import { OrderCancelledV1, OrderPaymentRequestedV1 } from '@shop/contracts';
import { EventConsumer } from '@shop/platform/messaging';
import { asTransaction } from '@shop/platform/persistence';
import { PaymentsService } from '../application/payments.service';

/** Payments' part of the saga: authorize on request, refund on cancellation. */
@Injectable()
export class OrderEventsConsumer {
  constructor(consumer: EventConsumer, payments: PaymentsService) {
    consumer.on(OrderPaymentRequestedV1, ({ payload, tx, emit }) =>
      payments.authorizeOrder(asTransaction(tx), emit, payload),
    );
    consumer.on(OrderCancelledV1, ({ payload, tx, emit }) =>
      payments.refundOrder(asTransaction(tx), emit, payload.orderId),
    );
  }
}
