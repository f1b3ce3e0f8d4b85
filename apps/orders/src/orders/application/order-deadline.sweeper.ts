import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OrdersConfig } from '../../config/orders.config';
import { OrdersService } from './orders.service';

/** Orders ended per transaction: short transactions, few locks held at once. */
const BATCH = 50;

/**
 * Every order reaches a final status (docs/api.md): every `ORDER_DEADLINE_SWEEP_MS` each replica
 * cancels, with TIMEOUT, the orders still PENDING `ORDER_DEADLINE_SECONDS` after they were
 * placed, whatever was lost or dead-lettered on the way. Replicas sweep concurrently without
 * doubling anything (`OrdersService.expireOverdue`).
 */
@Injectable()
export class OrderDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderDeadlineSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly orders: OrdersService,
    private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.ORDER_DEADLINE_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** Ends every overdue order now; resolves with how many were ended. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const ended = await this.orders.expireOverdue(this.config.ORDER_DEADLINE_SECONDS, BATCH);
      total += ended;
      if (ended < BATCH || this.stopped) return total;
    }
  }

  private async tick(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = this.sweep();
    try {
      const ended = await this.sweeping;
      if (ended > 0) this.logger.warn(`cancelled ${ended} order(s) past their deadline (TIMEOUT)`);
    } catch (error) {
      this.logger.warn(`deadline sweep failed, retrying next time: ${(error as Error).message}`);
    } finally {
      this.sweeping = undefined;
    }
  }
}
