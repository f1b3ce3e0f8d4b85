import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '@shop/platform/auth';
import type { ProductPage, ProductView } from '@shop/contracts';
import { ProductsService } from '../application/products.service';
import { ifNoneMatchHits } from '../persistence/product-read-cache';
import { CreateProductRequest } from './dto/create-product.request';
import { ListProductsQuery } from './dto/list-products.query';
import { SetStockRequest } from './dto/set-stock.request';
import { ProductErrorsFilter } from './product-errors.filter';
import { ProductPageResponse, ProductResponse } from './dto/product.response';

@ApiTags('catalog')
@Controller('products')
@UseFilters(ProductErrorsFilter)
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOkResponse({ type: ProductPageResponse })
  list(@Query() query: ListProductsQuery): Promise<ProductPage> {
    return this.products.list(query);
  }

  /**
   * One product, with an `ETag`; `Cache-Control: no-cache` because stock is live: a client (or a
   * cache) keeps the body and asks again with `If-None-Match`, and an unchanged product costs a
   * 304 without a body.
   */
  @Get(':id')
  @ApiOkResponse({
    type: ProductResponse,
    headers: {
      ETag: { description: 'Tag of this representation', schema: { type: 'string' } },
      'Cache-Control': { description: 'no-cache (stock is live)', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag' })
  @ApiNotFoundResponse()
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag from an earlier read',
  })
  async get(
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductView | undefined> {
    const { product, etag } = await this.products.get(id);
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (!ifNoneMatchHits(ifNoneMatch, etag)) return product;
    reply.status(304);
    return undefined;
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
