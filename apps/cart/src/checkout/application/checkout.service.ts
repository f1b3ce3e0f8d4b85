import { Injectable } from '@nestjs/common';
import type { OrderView, PaymentInput } from '@shop/contracts';
import { CartItemsRepository } from '../../cart/application/cart-items.repository';
import { CartException } from '../../cart/domain/cart.exception';
import { OrderRefusedException } from '../domain/order-refused.exception';
import { Orders } from './orders';

/**
 * Turns the caller's cart into an order through orders' API (the caller's token and
 * Idempotency-Key go along, so a retried checkout is the same order), and records which lines
 * went into which order. The cart itself changes only when that order is confirmed
 * (OrderConfirmed event): then exactly those lines, if unchanged since, are removed.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly items: CartItemsRepository,
    private readonly orders: Orders,
  ) {}

  async checkout(
    userId: string,
    authorization: string,
    idempotencyKey: string | undefined,
    payment: PaymentInput,
  ): Promise<OrderView> {
    const lines = await this.items.list(userId);
    if (lines.length === 0) throw CartException.emptyCart();
    const taken = lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    const placement = await this.orders.place({
      authorization,
      idempotencyKey,
      items: taken,
      payment,
    });
    // Refused (bad payment, reused key, ...): orders' answer is passed on as it is.
    if (!placement.placed) throw new OrderRefusedException(placement.status, placement.body);
    await this.items.markCheckedOut(userId, placement.order.id, taken);
    return placement.order;
  }
}
