import { Module } from '@nestjs/common';
import { ProductStock } from '../inventory/application/product-stock';
import { ProductsController } from './api/products.controller';
import { ProductsRepository } from './application/products.repository';
import { ProductsService } from './application/products.service';
import { ProductChangesListener } from './persistence/product-changes.listener';
import { ProductReadCache } from './persistence/product-read-cache';
import { PostgresProductsRepository } from './persistence/postgres-products.repository';

@Module({
  controllers: [ProductsController],
  providers: [
    ProductsService,
    PostgresProductsRepository,
    { provide: ProductsRepository, useExisting: PostgresProductsRepository },
    { provide: ProductStock, useExisting: PostgresProductsRepository },
    { provide: ProductReadCache, useValue: new ProductReadCache() },
    ProductChangesListener,
  ],
  exports: [ProductsService, ProductStock],
})
export class ProductsModule {}
