import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { shopMeter } from '@shop/platform/observability';
import { OrdersRepository } from './orders.repository';

/** How often the count is taken: the system map asks once a second and draws what it gets. */
const REFRESH_MS = 2_000;

/**
 * `shop_orders_pending` on /metrics: orders placed and not final yet. The system map shows it on
 * orders (they pile up while payments is down and drain once it is back). Counted every
 * REFRESH_MS, not on each scrape, so scrapes never wait on the database; a failed count keeps
 * the last one.
 */
@Injectable()
export class PendingOrdersGauge implements OnApplicationBootstrap, OnApplicationShutdown {
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly orders: OrdersRepository) {}

  onApplicationBootstrap(): void {
    shopMeter()
      .createObservableGauge('shop_orders_pending', {
        description: 'Orders placed and not final yet (PENDING)',
      })
      .addCallback((result) => result.observe(this.pending));
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Takes the count now; resolves once it is taken (or failed). */
  async refresh(): Promise<void> {
    this.pending = await this.orders.countPending().catch(() => this.pending);
  }

  get current(): number {
    return this.pending;
  }
}
