import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { OrderView } from '@shop/contracts';
import { OrdersConfig } from '../../config/orders.config';
import { OrdersRepository, toView } from '../persistence/orders.repository';

const POLL_MS = 500;
const KEEPALIVE_MS = 15_000;

/**
 * `GET /orders/:id/events`: Server-Sent Events, one `status` event per status change (the
 * current one first), closed once the order is CONFIRMED or CANCELLED. Changes are read from
 * the database, so it works whichever replica ran the saga step.
 */
@Injectable()
export class OrderEventsStream implements OnApplicationShutdown {
  private readonly open = new Set<() => void>();
  /**
   * Every order is final by its deadline plus one sweep (OrderDeadlineSweeper): a stream lasts
   * until then, with a margin, so a pending order's client always sees its final status.
   */
  private readonly maxStreamMs: number;

  constructor(
    private readonly orders: OrdersRepository,
    config: OrdersConfig,
  ) {
    this.maxStreamMs =
      config.ORDER_DEADLINE_SECONDS * 1_000 + config.ORDER_DEADLINE_SWEEP_MS + 60_000;
  }

  async serve(reply: FastifyReply, userId: string, first: OrderView): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(reply.request.id),
    });
    let last = first;
    const send = (order: OrderView) =>
      raw.write(`event: status\nid: ${order.updatedAt}\ndata: ${JSON.stringify(order)}\n\n`);
    send(first);
    if (first.status !== 'PENDING') return void raw.end();

    await new Promise<void>((resolve) => {
      const startedAt = Date.now();
      let lastWrite = Date.now();
      const close = () => {
        clearInterval(timer);
        this.open.delete(close);
        if (!raw.writableEnded) raw.end();
        resolve();
      };
      const timer = setInterval(async () => {
        try {
          const current = await this.orders.findOwn(userId, first.id);
          if (current && current.status !== last.status) {
            last = toView(current);
            send(last);
            lastWrite = Date.now();
          } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
            raw.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          if (last.status !== 'PENDING' || Date.now() - startedAt > this.maxStreamMs) close();
        } catch {
          // Database briefly unavailable: keep the stream, try again next tick.
        }
      }, POLL_MS);
      raw.on('close', close);
      this.open.add(close);
    });
  }

  onApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }
}
