import { Module } from '@nestjs/common';
import { ProductsController } from './api/products.controller';
import { ProductsService } from './application/products.service';
import { ProductsRepository } from './persistence/products.repository';

@Module({
  controllers: [ProductsController],
  providers: [ProductsService, ProductsRepository],
  exports: [ProductsService],
})
export class ProductsModule {}
