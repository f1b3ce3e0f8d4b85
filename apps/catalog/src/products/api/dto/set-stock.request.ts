import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_STOCK } from './create-product.request';

/** `PUT /products/:id/stock` (admin): the new available quantity. */
export class SetStockRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_STOCK })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  readonly stock!: number;
}
