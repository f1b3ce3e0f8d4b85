import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PostgresChangeListener } from '@shop/platform/persistence';
import { ORDER_STATUS_CHANNEL } from '../../database/migrations/1764900000000-notify-order-status';
import { OrderStatusNotices, type StatusNoticeHandlers } from '../application/order-status-notices';

/** How the listener names itself in pg_stat_activity (and how tests find its connection). */
export const ORDER_STATUS_LISTENER_NAME = 'orders-status-changes';

/**
 * Status notices from the database: every committed status change is announced on
 * ORDER_STATUS_CHANNEL (migration NotifyOrderStatus), read by one listening connection per
 * replica that reconnects by itself.
 */
@Injectable()
export class PostgresOrderStatusNotices
  extends OrderStatusNotices
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly subscribers: StatusNoticeHandlers[] = [];
  private readonly listener: PostgresChangeListener;

  constructor(@InjectDataSource() db: DataSource) {
    super();
    this.listener = new PostgresChangeListener(
      PostgresChangeListener.connectionOf(db),
      { channel: ORDER_STATUS_CHANNEL, name: ORDER_STATUS_LISTENER_NAME },
      {
        notice: (orderId) => this.subscribers.forEach((s) => s.notice(orderId)),
        listening: () => this.subscribers.forEach((s) => s.listening()),
        deaf: () => undefined, // subscribers look for themselves while `listening` is false
      },
    );
  }

  subscribe(handlers: StatusNoticeHandlers): void {
    this.subscribers.push(handlers);
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}
