import { Module } from '@nestjs/common';
import { CartController } from './api/cart.controller';
import { CartService } from './application/cart.service';
import { CatalogClient } from './application/catalog.client';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { CartItemsRepository } from './persistence/cart-items.repository';

@Module({
  controllers: [CartController],
  providers: [CartService, CatalogClient, CartItemsRepository, OrderEventsConsumer],
  exports: [CartItemsRepository],
})
export class CartModule {}
