import { HttpException, Injectable } from '@nestjs/common';
import type { OrderView, PaymentInput } from '@shop/contracts';
import { CartConfig } from '../../config/cart.config';
import { CartException } from '../../cart/cart.exception';
import { CartItemsRepository } from '../../cart/persistence/cart-items.repository';

/**
 * Turns the caller's cart into an order through orders' API (the caller's token and
 * Idempotency-Key go along, so a retried checkout is the same order). The cart itself changes
 * only when the order is confirmed (OrderConfirmed event).
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly items: CartItemsRepository,
    private readonly config: CartConfig,
  ) {}

  async checkout(
    userId: string,
    authorization: string,
    idempotencyKey: string | undefined,
    payment: PaymentInput,
  ): Promise<OrderView> {
    const lines = await this.items.list(userId);
    if (lines.length === 0) throw CartException.emptyCart();
    let response: Response;
    try {
      response = await fetch(new URL('/', this.config.ORDERS_URL), {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify({
          items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          payment,
        }),
        signal: AbortSignal.timeout(this.config.ORDERS_TIMEOUT_MS),
      });
    } catch {
      throw CartException.ordersUnavailable();
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 202) return body as unknown as OrderView;
    // The order was refused (bad payment, reused key, ...): pass orders' answer on as it is.
    if (response.status >= 400 && response.status < 500)
      throw new HttpException(body, response.status);
    throw CartException.ordersUnavailable();
  }
}
