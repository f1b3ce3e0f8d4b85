import { Injectable } from '@nestjs/common';
import type { CartView, OrderConfirmedV1 } from '@shop/contracts';
import type { Transaction } from '@shop/platform/persistence';
import { cartOf } from '../domain/cart';
import { CartException } from '../domain/cart.exception';
import { CartItemsRepository } from './cart-items.repository';
import { Catalog } from './catalog';

@Injectable()
export class CartService {
  constructor(
    private readonly items: CartItemsRepository,
    private readonly catalog: Catalog,
  ) {}

  async get(userId: string): Promise<CartView> {
    return cartOf(await this.items.list(userId));
  }

  /** Puts `quantity` of a product in the cart, with its name and price as catalog has them now. */
  async setItem(userId: string, productId: string, quantity: number): Promise<CartView> {
    const product = await this.catalog.product(productId);
    const stored = await this.items.upsert(userId, {
      productId: product.id,
      name: product.name,
      quantity,
      unitPriceCents: product.priceCents,
    });
    if (!stored) throw CartException.cartFull();
    return this.get(userId);
  }

  async removeItem(userId: string, productId: string): Promise<CartView> {
    await this.items.remove(userId, productId);
    return this.get(userId);
  }

  /**
   * An order is confirmed: its user's cart loses the lines that order's checkout took, if they
   * are unchanged since (in the consumer's transaction). An order placed elsewhere changes nothing.
   */
  async orderConfirmed(tx: Transaction, order: OrderConfirmedV1): Promise<void> {
    await this.items.removeCheckedOut(tx, order.userId, order.orderId, order.items);
  }
}
