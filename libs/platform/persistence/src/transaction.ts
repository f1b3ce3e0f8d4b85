import type { EntityManager } from 'typeorm';

declare const opaque: unique symbol;

/**
 * An open database transaction as application code holds it: opaque, only handed on to the
 * repositories, which run their statements in it. Opened by a unit of work, or by the event
 * consumer together with the message's inbox row.
 */
export type Transaction = { readonly [opaque]: 'Transaction' };

export const asTransaction = (manager: EntityManager) => manager as unknown as Transaction;

export const managerOf = (tx: Transaction) => tx as unknown as EntityManager;
