import { ApiProperty } from '@nestjs/swagger';
import type { CartItemView, CartView } from '@shop/contracts';

export class CartItemResponse implements CartItemView {
  @ApiProperty({ format: 'uuid' }) readonly productId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty() readonly quantity!: number;
  @ApiProperty({ description: 'Price snapshot taken when the item was put in the cart' })
  readonly unitPriceCents!: number;
}

export class CartResponse implements CartView {
  @ApiProperty({ type: [CartItemResponse] }) readonly items!: CartItemResponse[];
  @ApiProperty() readonly totalCents!: number;
  @ApiProperty({ example: 'USD' }) readonly currency!: string;
}
