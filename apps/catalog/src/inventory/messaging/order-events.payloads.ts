import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CANCEL_REASONS,
  ORDER_MAX_LINES,
  ORDER_MAX_QUANTITY,
  type CancelReason,
  type OrderCancelledV1,
  type OrderConfirmedV1,
  type OrderLine,
  type OrderPlacedV1,
} from '@shop/contracts';

/** Payload schemas of the order events catalog consumes, validated on consume. */
class OrderLinePayload implements OrderLine {
  @IsString() readonly productId!: string;
  @IsInt() @Min(1) @Max(ORDER_MAX_QUANTITY) readonly quantity!: number;
}

export class OrderPlacedPayload implements OrderPlacedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @ValidateNested({ each: true })
  @Type(() => OrderLinePayload)
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_MAX_LINES)
  readonly items!: OrderLinePayload[];
}

export class OrderConfirmedPayload implements OrderConfirmedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @ValidateNested({ each: true }) @Type(() => OrderLinePayload) readonly items!: OrderLinePayload[];
}

export class OrderCancelledPayload implements OrderCancelledV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @IsIn(CANCEL_REASONS) readonly reason!: CancelReason;
}
