import type { Transaction } from '@shop/platform/persistence';
import type { ReservationLine, ReservedLine } from '../domain/reservation';

/**
 * What inventory needs of the products' stock, in the caller's transaction. The products feature
 * owns the table and is its only writer (persistence/postgres-products.repository.ts).
 */
export abstract class ProductStock {
  /**
   * Takes every line's quantity from available stock, all of them or none (stock never goes
   * below zero): the lines at their current prices, or the first product that could not give its
   * quantity (unknown, or not enough left).
   */
  abstract take(
    tx: Transaction,
    lines: readonly ReservationLine[],
  ): Promise<{ readonly taken: ReservedLine[] } | { readonly short: string }>;

  /** Makes these quantities available again. */
  abstract putBack(tx: Transaction, lines: readonly ReservationLine[]): Promise<void>;

  abstract exists(tx: Transaction, productId: string): Promise<boolean>;
}
