import { Module } from '@nestjs/common';
import { CartController } from './api/cart.controller';
import { CartItemsRepository } from './application/cart-items.repository';
import { CartService } from './application/cart.service';
import { CatalogClient } from './application/catalog.client';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { PostgresCartItemsRepository } from './persistence/postgres-cart-items.repository';

@Module({
  controllers: [CartController],
  providers: [
    CartService,
    CatalogClient,
    { provide: CartItemsRepository, useClass: PostgresCartItemsRepository },
    OrderEventsConsumer,
  ],
  exports: [CartItemsRepository],
})
export class CartModule {}
