import type { Emit } from '@shop/platform/messaging';
import type { Transaction } from '@shop/platform/persistence';

/** Opens one transaction; the events `work` emits commit with it (transactional outbox). */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction, emit: Emit) => Promise<T>): Promise<T>;
}
