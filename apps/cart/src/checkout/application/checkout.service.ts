import { HttpException, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { OrderView, PaymentInput } from '@shop/contracts';
import { ServiceClient } from '@shop/platform/http';
import { CartConfig } from '../../config/cart.config';
import { CartException } from '../../cart/cart.exception';
import { CartItemsRepository } from '../../cart/persistence/cart-items.repository';

/**
 * Turns the caller's cart into an order through orders' API (the caller's token and
 * Idempotency-Key go along, so a retried checkout is the same order). The cart itself changes
 * only when the order is confirmed (OrderConfirmed event).
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
    const response = await this.orders
      .send({
        method: 'POST',
        path: '/',
        headers: {
          authorization,
          'content-type': 'application/json',
          ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify({
          items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          payment,
        }),
      })
      .catch(() => {
        throw CartException.ordersUnavailable();
      });
    const body = (await response.body.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.statusCode === 202) return body as unknown as OrderView;
    // The order was refused (bad payment, reused key, ...): pass orders' answer on as it is.
    if (response.statusCode >= 400 && response.statusCode < 500)
      throw new HttpException(body, response.statusCode);
    throw CartException.ordersUnavailable();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orders.close();
  }
}
