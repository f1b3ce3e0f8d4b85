import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ProductPage, ProductView } from '@shop/contracts';
import { ProductsService } from '../application/products.service';
import { ListProductsQuery } from './dto/list-products.query';
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
}
