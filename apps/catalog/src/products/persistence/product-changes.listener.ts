import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PostgresChangeListener } from '@shop/platform/persistence';
import { PRODUCT_CHANGES_CHANNEL } from '../../database/migrations/1764900000000-notify-product-changes';
import { ProductReadCache } from './product-read-cache';

/** How the listener names itself in pg_stat_activity (and how tests find its connection). */
export const PRODUCT_CHANGES_LISTENER_NAME = 'catalog-product-changes';

/**
 * Keeps this replica's ProductReadCache true: the products table's change notices drop cached
 * copies; the cache serves only while notices can arrive (emptied and read through otherwise).
 */
@Injectable()
export class ProductChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: PostgresChangeListener;

  constructor(@InjectDataSource() db: DataSource, cache: ProductReadCache) {
    this.listener = new PostgresChangeListener(
      PostgresChangeListener.connectionOf(db),
      { channel: PRODUCT_CHANGES_CHANNEL, name: PRODUCT_CHANGES_LISTENER_NAME },
      {
        notice: (id) => cache.invalidate(id),
        listening: () => cache.enable(),
        deaf: () => cache.disable(),
      },
    );
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }
}
