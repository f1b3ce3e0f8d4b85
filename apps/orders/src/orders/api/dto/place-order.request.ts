import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORDER_MAX_LINES, ORDER_MAX_QUANTITY, type PaymentInput } from '@shop/contracts';

export class OrderLineRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() readonly productId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: ORDER_MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(ORDER_MAX_QUANTITY)
  readonly quantity!: number;
}

export class PaymentRequest implements PaymentInput {
  @ApiProperty({
    example: '4242424242424242',
    description:
      'Test cards: 4242424242424242 authorized; 4000000000000002 and 4000000000009995 declined',
  })
  @IsString()
  @Matches(/^\d{12,19}$/, { message: 'cardNumber must be 12 to 19 digits' })
  readonly cardNumber!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  readonly expMonth!: number;
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  readonly expYear!: number;

  @ApiProperty({ example: '123' })
  @IsString()
  @Matches(/^\d{3,4}$/, { message: 'cvc must be 3 or 4 digits' })
  readonly cvc!: string;
}

/** `POST /orders` (docs/api.md, "Orders"). */
export class PlaceOrderRequest {
  @ApiProperty({ type: [OrderLineRequest], minItems: 1, maxItems: ORDER_MAX_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequest)
  readonly items!: OrderLineRequest[];

  @ApiProperty({ type: PaymentRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentRequest)
  readonly payment!: PaymentRequest;
}
