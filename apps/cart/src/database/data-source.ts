import { postgresOptions } from '@shop/platform/persistence';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { CartConfig } from '../config/cart.config';
import { CreateCartItems1764200000000 } from './migrations/1764200000000-create-cart-items';
import { CreateMessaging1764300000000 } from './migrations/1764300000000-create-messaging';
import { AddCheckoutOrderId1764400000000 } from './migrations/1764400000000-add-checkout-order-id';
import { OutboxDeliveryTracking1764600000000 } from './migrations/1764600000000-outbox-delivery-tracking';

/** Cart's database: its committed migrations, in order (queries are plain SQL). */
export function cartDataSourceOptions(config: CartConfig): PostgresDataSourceOptions {
  return postgresOptions(
    config,
    {
      entities: [],
      migrations: [
        CreateCartItems1764200000000,
        CreateMessaging1764300000000,
        AddCheckoutOrderId1764400000000,
        OutboxDeliveryTracking1764600000000,
      ],
    },
    'cart',
  );
}
