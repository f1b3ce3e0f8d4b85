import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  PaymentEvents,
  Topics,
  type OrderPaymentRequestedV1,
  type PaymentAuthorizedV1,
  type PaymentDeclinedV1,
  type PaymentRefundedV1,
  type PaymentView,
} from '@shop/contracts';
import type { Emit } from '@shop/platform/messaging';
import type { Transaction } from '@shop/platform/persistence';
import { authorize } from '../domain/card-processor';
import { PaymentsRepository } from './payments.repository';

@Injectable()
export class PaymentsService {
  constructor(private readonly payments: PaymentsRepository) {}

  /** Authorizes an order's total at most once (unique per order), answering with an event. */
  async authorizeOrder(
    tx: Transaction,
    emit: Emit,
    request: OrderPaymentRequestedV1,
  ): Promise<void> {
    const outcome = authorize(request.card.cardLast4);
    const paymentId = randomUUID();
    const payment = await this.payments.insertOnce(tx, {
      id: paymentId,
      orderId: request.orderId,
      userId: request.userId,
      amountCents: request.amountCents,
      currency: request.currency,
      status: outcome.status,
      declineReason: outcome.status === 'DECLINED' ? outcome.reason : null,
      cardLast4: request.card.cardLast4,
    });
    if (!payment) return; // this order was already answered
    const base = {
      topic: Topics.paymentsPayments,
      key: request.orderId,
      version: 1,
      correlationId: request.orderId,
    };
    if (outcome.status === 'AUTHORIZED') {
      const payload: PaymentAuthorizedV1 = {
        orderId: request.orderId,
        paymentId,
        amountCents: request.amountCents,
      };
      await emit({ ...base, type: PaymentEvents.authorized, payload });
    } else {
      const payload: PaymentDeclinedV1 = {
        orderId: request.orderId,
        paymentId,
        reason: outcome.reason,
      };
      await emit({ ...base, type: PaymentEvents.declined, payload });
    }
  }

  /** Compensation: an order that ended cancelled gets its authorization refunded, once. */
  async refundOrder(tx: Transaction, emit: Emit, orderId: string): Promise<void> {
    const refunded = await this.payments.refund(tx, orderId);
    if (!refunded) return;
    const payload: PaymentRefundedV1 = {
      orderId,
      paymentId: refunded.id,
      amountCents: refunded.amountCents,
    };
    await emit({
      topic: Topics.paymentsPayments,
      key: orderId,
      type: PaymentEvents.refunded,
      version: 1,
      correlationId: orderId,
      payload,
    });
  }

  list(userId: string, orderId?: string): Promise<PaymentView[]> {
    return this.payments.listOwn(userId, orderId);
  }
}
