import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '@shop/platform/auth';
import type { ProductPage, ProductView } from '@shop/contracts';
import { ProductsService } from '../application/products.service';
import { CreateProductRequest } from './dto/create-product.request';
import { ListProductsQuery } from './dto/list-products.query';
import { SetStockRequest } from './dto/set-stock.request';
import { ProductPageResponse, ProductResponse } from './dto/product.response';

@ApiTags('catalog')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOkResponse({ type: ProductPageResponse })
  list(@Query() query: ListProductsQuery): Promise<ProductPage> {
    return this.products.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<ProductView> {
    return this.products.get(id);
  }

  @Post()
  @Authenticated('admin')
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiConflictResponse({ description: 'sku taken' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  create(@Body() body: CreateProductRequest): Promise<ProductView> {
    return this.products.create(body);
  }

  @Put(':id/stock')
  @Authenticated('admin')
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'not an admin' })
  setStock(@Param('id') id: string, @Body() body: SetStockRequest): Promise<ProductView> {
    return this.products.setStock(id, body.stock);
  }
}
