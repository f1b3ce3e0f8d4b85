import { Injectable } from '@nestjs/common';
import {
  InventoryEvents,
  isUuid,
  Topics,
  type StockReservationRejectedV1,
  type StockReservedV1,
} from '@shop/contracts';
import type { Emit } from '@shop/platform/messaging';
import type { Transaction } from '@shop/platform/persistence';
import {
  normalizeLines,
  type RejectionReason,
  type ReservationLine,
  type ReservationOutcome,
} from '../domain/reservation';
import { ProductStock } from './product-stock';
import { StockReservationsRepository } from './stock-reservations.repository';
import { UnitOfWork } from './unit-of-work';

/**
 * Stock reservations for orders: reserve, commit, release. Every operation is keyed by order id
 * and idempotent (a repeat returns the first outcome and changes nothing); stock changes are
 * conditional updates, so available stock never goes below zero however many orders race.
 */
@Injectable()
export class InventoryService {
  constructor(
    private readonly reservations: StockReservationsRepository,
    private readonly stock: ProductStock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Catalog's answer to a placed order: its stock reserved (StockReserved, with the prices taken)
   * or refused (StockReservationRejected), through the outbox of the caller's transaction. An
   * order cancelled before its reservation arrived gets no answer.
   */
  async reserveForOrder(
    tx: Transaction,
    emit: Emit,
    order: { readonly orderId: string; readonly items: readonly ReservationLine[] },
    correlationId: string,
  ): Promise<void> {
    const outcome = await this.reserve(order.orderId, order.items, tx);
    const base = { topic: Topics.catalogInventory, key: order.orderId, version: 1, correlationId };
    if (outcome.status === 'RESERVED' || outcome.status === 'COMMITTED') {
      const reserved: StockReservedV1 = { orderId: order.orderId, lines: [...outcome.lines] };
      await emit({ ...base, type: InventoryEvents.reserved, payload: reserved });
    } else if (outcome.status === 'REJECTED') {
      const rejected: StockReservationRejectedV1 = {
        orderId: order.orderId,
        reason: outcome.reason,
      };
      await emit({ ...base, type: InventoryEvents.rejected, payload: rejected });
    }
    // RELEASED: the order was cancelled before its reservation arrived; nothing to answer.
  }

  reserve(
    orderId: string,
    requested: readonly ReservationLine[],
    within?: Transaction,
  ): Promise<ReservationOutcome> {
    const lines = normalizeLines(requested);
    return this.inTransaction(within, async (tx) => {
      if (!(await this.reservations.claim(tx, orderId)))
        return (await this.reservations.outcomeOf(tx, orderId)) as ReservationOutcome;
      const stock = await this.stock.take(tx, lines);
      if ('short' in stock) {
        const reason = await this.rejectionReason(tx, stock.short);
        await this.reservations.reject(tx, orderId, reason);
        return { status: 'REJECTED', reason };
      }
      await this.reservations.addLines(tx, orderId, stock.taken);
      return { status: 'RESERVED', lines: stock.taken };
    });
  }

  /** The order is confirmed: the reserved units are sold. Only a RESERVED reservation changes. */
  commit(orderId: string, within?: Transaction): Promise<ReservationOutcome | null> {
    return this.inTransaction(within, async (tx) => {
      await this.reservations.commit(tx, orderId);
      return this.reservations.outcomeOf(tx, orderId);
    });
  }

  /**
   * The order is cancelled: reserved units become available again, once. Releasing an order
   * that has no reservation yet leaves a tombstone, so a late reserve for it takes nothing.
   */
  release(orderId: string, within?: Transaction): Promise<ReservationOutcome> {
    return this.inTransaction(within, async (tx) => {
      const released = await this.reservations.release(tx, orderId);
      if (released) await this.stock.putBack(tx, released);
      else await this.reservations.tombstone(tx, orderId);
      return (await this.reservations.outcomeOf(tx, orderId)) as ReservationOutcome;
    });
  }

  /** Runs in the caller's transaction (a consumer's, with its inbox row) or in a new one. */
  private inTransaction<T>(
    within: Transaction | undefined,
    work: (tx: Transaction) => Promise<T>,
  ): Promise<T> {
    return within ? work(within) : this.unitOfWork.run((tx) => work(tx));
  }

  private async rejectionReason(tx: Transaction, productId: string): Promise<RejectionReason> {
    if (!isUuid(productId)) return 'UNKNOWN_PRODUCT';
    return (await this.stock.exists(tx, productId)) ? 'OUT_OF_STOCK' : 'UNKNOWN_PRODUCT';
  }
}
