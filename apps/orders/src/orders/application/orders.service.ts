import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  isUuid,
  OrderEvents,
  Topics,
  type OrderCancelledV1,
  type OrderConfirmedV1,
  type OrderPaymentRequestedV1,
  type OrderPlacedV1,
  type OrderView,
  type PaymentInput,
} from '@shop/contracts';
import type { Emit } from '@shop/platform/messaging';
import { shopMeter } from '@shop/platform/observability';
import type { Transaction } from '@shop/platform/persistence';
import { isExpired, passesLuhn } from '../domain/card';
import { OrderException } from '../domain/order.exception';
import { toView, type OrderRecord } from '../domain/order-record';
import { decide, priceLines, type SagaEmit, type SagaEvent } from '../domain/order-saga';
import { OrdersRepository } from './orders.repository';
import { requestFingerprint } from './request-fingerprint';
import { UnitOfWork } from './unit-of-work';

export interface PlaceOrder {
  readonly userId: string;
  readonly idempotencyKey: string;
  readonly items: readonly { productId: string; quantity: number }[];
  readonly payment: PaymentInput;
}

/** `shop_saga_outcomes_total{status,reason}`: orders that ended, and why. */
const sagaOutcomes = shopMeter().createCounter('shop_saga_outcomes', {
  description: 'Checkout sagas that ended, by final status and cancel reason',
});

/** `shop_saga_duration{status}` (seconds): from order placement to its final status. */
const sagaDuration = shopMeter().createHistogram('shop_saga_duration', {
  description: 'Time from order placement to CONFIRMED or CANCELLED',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] },
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Accepts an order (PENDING) with nothing but this service and its database: the order and
   * its OrderPlaced event commit together; the saga goes on over Kafka. A repeat with the same
   * Idempotency-Key and body returns the same order, however concurrent; another body is a 409.
   */
  async place(command: PlaceOrder): Promise<OrderView> {
    if (!IDEMPOTENCY_KEY.test(command.idempotencyKey)) throw OrderException.idempotencyKeyMissing();
    const { cardNumber, expMonth, expYear } = command.payment;
    if (!passesLuhn(cardNumber))
      throw OrderException.cardRejected('payment.cardNumber fails the Luhn check');
    if (isExpired(expMonth, expYear))
      throw OrderException.cardRejected('payment card is expired (expMonth/expYear)');
    const card = { cardLast4: cardNumber.slice(-4), expMonth, expYear };
    const items = command.items.map((i) => ({
      productId: i.productId.toLowerCase(),
      quantity: i.quantity,
    }));
    const requestHash = requestFingerprint({ items, card });

    return this.unitOfWork.run(async (tx, emit) => {
      const orderId = randomUUID();
      const created = await this.orders.insertOnce(tx, {
        id: orderId,
        userId: command.userId,
        items: items.map((i) => ({ ...i, unitPriceCents: null })),
        card,
        key: command.idempotencyKey,
        requestHash,
      });
      if (!created) {
        const existing = await this.orders.findByKey(tx, command.userId, command.idempotencyKey);
        if (!existing || existing.requestHash !== requestHash)
          throw OrderException.idempotencyKeyReused();
        return toView(existing);
      }
      const placed: OrderPlacedV1 = { orderId, userId: command.userId, items };
      await emit({
        topic: Topics.ordersOrders,
        key: orderId,
        type: OrderEvents.placed,
        version: 1,
        correlationId: orderId,
        payload: placed,
      });
      return toView(created);
    });
  }

  async get(userId: string, id: string): Promise<OrderView> {
    const order = isUuid(id) ? await this.orders.findOwn(userId, id) : null;
    if (!order) throw OrderException.notFound(id);
    return toView(order);
  }

  async list(userId: string): Promise<{ items: OrderView[] }> {
    return { items: (await this.orders.listOwn(userId)).map(toView) };
  }

  /** One saga step, inside the consumer's transaction (with its inbox row). */
  async advance(tx: Transaction, emit: Emit, orderId: string, event: SagaEvent): Promise<void> {
    const order = await this.orders.lock(tx, orderId);
    if (!order) throw new Error(`saga event for unknown order ${orderId}`);
    await this.step(tx, emit, order, event);
  }

  /**
   * Ends orders still PENDING past their deadline (TIMEOUT): at most `limit` of them, each
   * cancelled by the saga's own transition and its OrderCancelled written to the outbox in the
   * same transaction. Safe with several replicas sweeping at once (rows locked, others skipped).
   * Resolves with the number of orders ended.
   */
  async expireOverdue(deadlineSeconds: number, limit: number): Promise<number> {
    return this.unitOfWork.run(async (tx, emit) => {
      const overdue = await this.orders.lockOverdue(tx, deadlineSeconds, limit);
      for (const order of overdue) await this.step(tx, emit, order, { kind: 'DeadlinePassed' });
      return overdue.length;
    });
  }

  /** Applies the saga's decision for a locked order: new state, metrics, emitted events. */
  private async step(
    tx: Transaction,
    emit: Emit,
    order: OrderRecord,
    event: SagaEvent,
  ): Promise<void> {
    const decision = decide(
      { status: order.status, step: order.sagaStep, cancelReason: order.cancelReason },
      event,
    );
    const priced = decision.prices ? priceLines(order.items, decision.prices) : undefined;
    if (decision.next) await this.orders.applySaga(tx, order.id, decision.next, priced);
    if (decision.next?.step === 'DONE') {
      sagaOutcomes.add(1, {
        status: decision.next.status,
        reason: decision.next.cancelReason ?? 'none',
      });
      sagaDuration.record((Date.now() - Date.parse(order.createdAt)) / 1000, {
        status: decision.next.status,
      });
    }
    const current: OrderRecord = { ...order, ...(decision.next ?? {}), ...(priced ?? {}) };
    for (const name of decision.emit) await this.emitSagaEvent(emit, name, current);
  }

  private async emitSagaEvent(emit: Emit, name: SagaEmit, order: OrderRecord): Promise<void> {
    const base = { topic: Topics.ordersOrders, key: order.id, version: 1, correlationId: order.id };
    const items = order.items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
    switch (name) {
      case 'OrderPaymentRequested': {
        if (order.card === null || order.totalCents === null)
          throw new Error(`order ${order.id} has no card or total to request a payment for`);
        const payload: OrderPaymentRequestedV1 = {
          orderId: order.id,
          userId: order.userId,
          amountCents: order.totalCents,
          currency: order.currency,
          card: order.card,
        };
        await emit({ ...base, type: OrderEvents.paymentRequested, payload });
        return;
      }
      case 'OrderConfirmed': {
        const payload: OrderConfirmedV1 = { orderId: order.id, userId: order.userId, items };
        await emit({ ...base, type: OrderEvents.confirmed, payload });
        return;
      }
      case 'OrderCancelled': {
        const payload: OrderCancelledV1 = {
          orderId: order.id,
          userId: order.userId,
          reason: order.cancelReason ?? 'PAYMENT_DECLINED',
        };
        await emit({ ...base, type: OrderEvents.cancelled, payload });
        return;
      }
      default: {
        const unreachable: never = name;
        return unreachable;
      }
    }
  }
}
