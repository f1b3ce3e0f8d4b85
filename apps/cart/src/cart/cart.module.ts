import { Module } from '@nestjs/common';
import { CartController } from './api/cart.controller';
import { CartItemsRepository } from './application/cart-items.repository';
import { CartService } from './application/cart.service';
import { Catalog } from './application/catalog';
import { HttpCatalogClient } from './clients/http-catalog.client';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { PostgresCartItemsRepository } from './persistence/postgres-cart-items.repository';

@Module({
  controllers: [CartController],
  providers: [
    CartService,
    { provide: Catalog, useClass: HttpCatalogClient },
    { provide: CartItemsRepository, useClass: PostgresCartItemsRepository },
    OrderEventsConsumer,
  ],
  exports: [CartItemsRepository],
})
export class CartModule {}
