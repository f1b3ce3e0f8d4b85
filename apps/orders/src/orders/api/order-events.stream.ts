import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { openEventStream, sseComment, sseEvent } from '@shop/platform/service-kit';
import type { OrderView } from '@shop/contracts';
import { OrdersConfig } from '../../config/orders.config';
import { OrderStatusNotices } from '../application/order-status-notices';
import { OrdersRepository } from '../application/orders.repository';
import { toView } from '../domain/order-record';

/** How often a stream reads its order while status notices cannot arrive (listener down). */
const POLL_MS = 500;
const KEEPALIVE_MS = 15_000;

/**
 * `GET /orders/:id/events`: Server-Sent Events, one `status` event per status change (the
 * current one first), closed once the order is CONFIRMED or CANCELLED.
 *
 * Pushed, not polled: every committed status change is announced by the database (migration
 * NotifyOrderStatus), whichever replica ran the saga step, and the replicas streaming that order
 * read it once and send it. While those notices cannot arrive (the listening connection is down)
 * each stream reads its order every POLL_MS instead, and once they can again every stream checks
 * once, so nothing announced meanwhile is missed.
 */
@Injectable()
export class OrderEventsStream implements OnApplicationShutdown {
  private readonly open = new Set<() => void>();
  /** The streams' checks by order id (several clients may watch one order). */
  private readonly watchers = new Map<string, Set<() => void>>();
  /**
   * Every order is final by its deadline plus one sweep (OrderDeadlineSweeper): a stream lasts
   * until then, with a margin, so a pending order's client always sees its final status.
   */
  private readonly maxStreamMs: number;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly notices: OrderStatusNotices,
    config: OrdersConfig,
  ) {
    this.maxStreamMs =
      config.ORDER_DEADLINE_SECONDS * 1_000 + config.ORDER_DEADLINE_SWEEP_MS + 60_000;
    notices.subscribe({
      notice: (orderId) => this.watchers.get(orderId)?.forEach((check) => check()),
      listening: () => this.watchers.forEach((checks) => checks.forEach((check) => check())),
    });
  }

  async serve(reply: FastifyReply, userId: string, first: OrderView): Promise<void> {
    const raw = openEventStream(reply);
    let last = first;
    let lastWrite = Date.now();
    const send = (order: OrderView) => {
      raw.write(sseEvent('status', order, order.updatedAt));
      lastWrite = Date.now();
    };
    send(first);
    if (first.status !== 'PENDING') return void raw.end();

    await new Promise<void>((resolve) => {
      const startedAt = Date.now();
      let closed = false;
      let reading = false;
      let again = false;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        this.open.delete(close);
        this.unwatch(first.id, check);
        if (!raw.writableEnded) raw.end();
        resolve();
      };
      /** Reads the order and sends a change; a notice during a read asks for one more read. */
      const check = (): void => {
        if (closed) return;
        if (reading) return void (again = true);
        reading = true;
        void (async () => {
          do {
            again = false;
            try {
              const current = await this.orders.findOwn(userId, first.id);
              if (current && current.status !== last.status) {
                last = toView(current);
                send(last);
              }
            } catch {
              // Database briefly unavailable: the next notice or poll tries again.
            }
          } while (again && !closed);
          reading = false;
          if (last.status !== 'PENDING') close();
        })();
      };
      const timer = setInterval(() => {
        if (!this.notices.listening) check();
        else if (Date.now() - lastWrite > KEEPALIVE_MS) {
          raw.write(sseComment('keep-alive'));
          lastWrite = Date.now();
        }
        if (Date.now() - startedAt > this.maxStreamMs) close();
      }, POLL_MS);
      raw.on('close', close);
      this.open.add(close);
      this.watch(first.id, check);
      check(); // a change committed between the first read and now was announced to no one
    });
  }

  private watch(orderId: string, check: () => void): void {
    const checks = this.watchers.get(orderId) ?? new Set();
    checks.add(check);
    this.watchers.set(orderId, checks);
  }

  private unwatch(orderId: string, check: () => void): void {
    const checks = this.watchers.get(orderId);
    checks?.delete(check);
    if (checks?.size === 0) this.watchers.delete(orderId);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const close of [...this.open]) close();
  }
}
