import type { CartItemView, OrderLine } from '@shop/contracts';
import type { Transaction } from '@shop/platform/persistence';

/** The port to the cart lines (persistence/postgres-cart-items.repository.ts). */
export abstract class CartItemsRepository {
  abstract list(userId: string): Promise<CartItemView[]>;

  /** Adds the line or updates it; false when a new line would exceed the cart's maximum. */
  abstract upsert(userId: string, item: CartItemView): Promise<boolean>;

  /** Records that checkout placed `orderId` with these lines (each still as it was sent). */
  abstract markCheckedOut(
    userId: string,
    orderId: string,
    lines: readonly OrderLine[],
  ): Promise<void>;

  /** Removes the lines the checkout of `orderId` took that are still as they were taken. */
  abstract removeCheckedOut(
    tx: Transaction,
    userId: string,
    orderId: string,
    ordered: readonly OrderLine[],
  ): Promise<void>;

  abstract remove(userId: string, productId: string): Promise<void>;
}
