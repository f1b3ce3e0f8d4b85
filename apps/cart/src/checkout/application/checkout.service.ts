import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { OrderView, PaymentInput } from '@shop/contracts';
import { ServiceClient } from '@shop/platform/http-client';
import { CartConfig } from '../../config/cart.config';
import { CartItemsRepository } from '../../cart/application/cart-items.repository';
import { CartException } from '../../cart/domain/cart.exception';
import { OrderRefusedException } from '../domain/order-refused.exception';

/**
 * Turns the caller's cart into an order through orders' API (the caller's token and
 * Idempotency-Key go along, so a retried checkout is the same order), and records which lines
 * went into which order. The cart itself changes only when that order is confirmed
 * (OrderConfirmed event): then exactly those lines, if unchanged since, are removed.
 */
@Injectable()
export class CheckoutService implements OnApplicationShutdown {
  private readonly orders: ServiceClient;

  constructor(
    private readonly items: CartItemsRepository,
    config: CartConfig,
  ) {
    this.orders = new ServiceClient('orders', {
      baseUrl: config.ORDERS_URL,
      timeoutMs: config.ORDERS_TIMEOUT_MS,
    });
  }

  async checkout(
    userId: string,
    authorization: string,
    idempotencyKey: string | undefined,
    payment: PaymentInput,
  ): Promise<OrderView> {
    const lines = await this.items.list(userId);
    if (lines.length === 0) throw CartException.emptyCart();
    const taken = lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    const response = await this.orders
      .send({
        method: 'POST',
        path: '/',
        headers: {
          authorization,
          'content-type': 'application/json',
          ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify({ items: taken, payment }),
      })
      .catch(() => {
        throw CartException.ordersUnavailable();
      });
    const body = (await response.body.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.statusCode === 202) {
      const order = body as unknown as OrderView;
      await this.items.markCheckedOut(userId, order.id, taken);
      return order;
    }
    // The order was refused (bad payment, reused key, ...): pass orders' answer on as it is.
    if (response.statusCode >= 400 && response.statusCode < 500)
      throw new OrderRefusedException(response.statusCode, body);
    throw CartException.ordersUnavailable();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orders.close();
  }
}
