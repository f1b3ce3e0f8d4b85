import { ApiProperty } from '@nestjs/swagger';
import type { ProductPage, ProductView } from '@shop/contracts';

/** OpenAPI shape of a product (docs/api.md, "Catalog"). */
export class ProductResponse implements ProductView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'BOOK-001' }) readonly sku!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty() readonly description!: string;
  @ApiProperty({ example: 'books' }) readonly category!: string;
  @ApiProperty({ example: 4500, description: 'Integer cents' }) readonly priceCents!: number;
  @ApiProperty({ example: 'USD' }) readonly currency!: string;
  @ApiProperty({ description: 'Available to order now; reserved units are not counted' })
  readonly stock!: number;
}

export class ProductPageResponse implements ProductPage {
  @ApiProperty({ type: [ProductResponse] }) readonly items!: ProductResponse[];
  @ApiProperty({ description: 'All matches, ignoring limit and offset' }) readonly total!: number;
}
