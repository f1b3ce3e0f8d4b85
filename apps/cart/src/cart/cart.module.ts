import { Module } from '@nestjs/common';
import { CartController } from './api/cart.controller';
import { CartService } from './application/cart.service';
import { CatalogClient } from './application/catalog.client';
import { CartItemsRepository } from './persistence/cart-items.repository';

@Module({
  controllers: [CartController],
  providers: [CartService, CatalogClient, CartItemsRepository],
})
export class CartModule {}
