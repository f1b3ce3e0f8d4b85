import type { Transaction } from '@shop/platform/persistence';
import type {
  RejectionReason,
  ReservationLine,
  ReservationOutcome,
  ReservedLine,
} from '../domain/reservation';

/** The port to the reservation tables (persistence/postgres-stock-reservations.repository.ts). */
export abstract class StockReservationsRepository {
  /** Opens the order's reservation (RESERVED); false when the order already has one. */
  abstract claim(tx: Transaction, orderId: string): Promise<boolean>;

  abstract addLines(
    tx: Transaction,
    orderId: string,
    lines: readonly ReservedLine[],
  ): Promise<void>;

  abstract reject(tx: Transaction, orderId: string, reason: RejectionReason): Promise<void>;

  /** RESERVED → COMMITTED; any other reservation is left as it is. */
  abstract commit(tx: Transaction, orderId: string): Promise<void>;

  /** RESERVED → RELEASED: the lines it held, or null when the order had no RESERVED one. */
  abstract release(tx: Transaction, orderId: string): Promise<ReservationLine[] | null>;

  /** A RELEASED reservation for an order that has none yet (a late reserve then takes nothing). */
  abstract tombstone(tx: Transaction, orderId: string): Promise<void>;

  /** The order's reservation as it stands; null when it has none. */
  abstract outcomeOf(tx: Transaction, orderId: string): Promise<ReservationOutcome | null>;
}
