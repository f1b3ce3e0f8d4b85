import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { postgresOptions } from '@shop/platform/persistence';
import type { CatalogConfig } from '../config/catalog.config';
import { CreateProducts1764115200000 } from './migrations/1764115200000-create-products';
import { SeedProducts1764115200001 } from './migrations/1764115200001-seed-products';
import { CreateStockReservations1764200000000 } from './migrations/1764200000000-create-stock-reservations';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { OutboxDeliveryTracking1764600000000 } from './migrations/1764600000000-outbox-delivery-tracking';
import { NotifyProductChanges1764900000000 } from './migrations/1764900000000-notify-product-changes';

/** Catalog's database: its entities and its committed migrations, in order. */
export function catalogDataSourceOptions(config: CatalogConfig): PostgresDataSourceOptions {
  return postgresOptions(
    config,
    {
      entities: [],
      migrations: [
        CreateProducts1764115200000,
        SeedProducts1764115200001,
        CreateStockReservations1764200000000,
        CreateMessaging1764300000000,
        OutboxDeliveryTracking1764600000000,
        NotifyProductChanges1764900000000,
      ],
    },
    'catalog',
  );
}
