import type { CardSummary, OrderItemView } from '@shop/contracts';
import type { Transaction } from '@shop/platform/persistence';
import type { OrderRecord } from '../domain/order-record';
import type { SagaState } from '../domain/order-saga';

/** An order as placed, with the Idempotency-Key it was placed with and its request's hash. */
export interface NewOrder {
  readonly id: string;
  readonly userId: string;
  readonly items: OrderItemView[];
  readonly card: CardSummary;
  readonly key: string;
  readonly requestHash: string;
}

/** The port to the orders table (persistence/postgres-orders.repository.ts). */
export abstract class OrdersRepository {
  /** Inserts the order unless this user already used the key; null when the key is taken. */
  abstract insertOnce(tx: Transaction, order: NewOrder): Promise<OrderRecord | null>;

  abstract findByKey(tx: Transaction, userId: string, key: string): Promise<OrderRecord | null>;

  /** The order, locked for the rest of the transaction (saga steps of one order serialize). */
  abstract lock(tx: Transaction, id: string): Promise<OrderRecord | null>;

  /**
   * Pending orders older than `deadlineSeconds`, oldest first, locked for the rest of the
   * transaction; rows another transaction holds are skipped (replicas share the work).
   */
  abstract lockOverdue(
    tx: Transaction,
    deadlineSeconds: number,
    limit: number,
  ): Promise<OrderRecord[]>;

  /** Records a saga step (a final one also forgets the card summary). */
  abstract applySaga(
    tx: Transaction,
    id: string,
    state: SagaState,
    priced?: { items: OrderItemView[]; totalCents: number },
  ): Promise<void>;

  abstract findOwn(userId: string, id: string): Promise<OrderRecord | null>;

  abstract listOwn(userId: string, limit?: number): Promise<OrderRecord[]>;

  /** Orders not final yet (PENDING), all users. */
  abstract countPending(): Promise<number>;
}
