import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { CART_MAX_QUANTITY } from '@shop/contracts';

/** `PUT /api/cart/items/:productId` */
export class SetItemRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: CART_MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(CART_MAX_QUANTITY)
  readonly quantity!: number;
}
