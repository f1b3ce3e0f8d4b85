import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { OrderView } from '@shop/contracts';
import { ServiceClient } from '@shop/platform/http-client';
import { CartConfig } from '../../config/cart.config';
import { CartException } from '../../cart/domain/cart.exception';
import { Orders, type OrderPlacement, type OrderRequest } from '../application/orders';

/** `POST /` on orders' API, balanced over its replicas, as the calling user. */
@Injectable()
export class HttpOrdersClient extends Orders implements OnApplicationShutdown {
  private readonly orders: ServiceClient;

  constructor(config: CartConfig) {
    super();
    this.orders = new ServiceClient('orders', {
      baseUrl: config.ORDERS_URL,
      timeoutMs: config.ORDERS_TIMEOUT_MS,
    });
  }

  async place({
    authorization,
    idempotencyKey,
    items,
    payment,
  }: OrderRequest): Promise<OrderPlacement> {
    const response = await this.orders
      .send({
        method: 'POST',
        path: '/',
        headers: {
          authorization,
          'content-type': 'application/json',
          ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify({ items, payment }),
      })
      .catch(() => {
        throw CartException.ordersUnavailable();
      });
    const body = (await response.body.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.statusCode === 202) return { placed: true, order: body as unknown as OrderView };
    if (response.statusCode >= 400 && response.statusCode < 500)
      return { placed: false, status: response.statusCode, body };
    throw CartException.ordersUnavailable();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orders.close();
  }
}
