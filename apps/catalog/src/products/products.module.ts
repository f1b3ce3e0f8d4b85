import { Module } from '@nestjs/common';
import { ProductsController } from './api/products.controller';
import { ProductsService } from './application/products.service';
import { ProductChangesListener } from './persistence/product-changes.listener';
import { ProductReadCache } from './persistence/product-read-cache';
import { ProductsRepository } from './persistence/products.repository';

@Module({
  controllers: [ProductsController],
  providers: [
    ProductsService,
    ProductsRepository,
    { provide: ProductReadCache, useValue: new ProductReadCache() },
    ProductChangesListener,
  ],
  exports: [ProductsService],
})
export class ProductsModule {}
