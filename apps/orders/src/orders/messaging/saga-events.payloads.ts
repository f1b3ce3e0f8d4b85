import { Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsUUID, Min, ValidateNested } from 'class-validator';
import type {
  PaymentAuthorizedV1,
  PaymentDeclinedV1,
  PricedLine,
  StockReservationRejectedV1,
  StockReservedV1,
} from '@shop/contracts';

/** Payload schemas of the events the saga consumes, validated on consume. */
class PricedLinePayload implements PricedLine {
  @IsUUID() readonly productId!: string;
  @IsInt() @Min(1) readonly quantity!: number;
  @IsInt() @Min(0) readonly unitPriceCents!: number;
}

export class StockReservedPayload implements StockReservedV1 {
  @IsUUID() readonly orderId!: string;
  @ValidateNested({ each: true })
  @Type(() => PricedLinePayload)
  @ArrayMinSize(1)
  readonly lines!: PricedLinePayload[];
}

export class StockReservationRejectedPayload implements StockReservationRejectedV1 {
  @IsUUID() readonly orderId!: string;
  @IsIn(['OUT_OF_STOCK', 'UNKNOWN_PRODUCT']) readonly reason!: 'OUT_OF_STOCK' | 'UNKNOWN_PRODUCT';
}

export class PaymentAuthorizedPayload implements PaymentAuthorizedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly paymentId!: string;
  @IsInt() @Min(0) readonly amountCents!: number;
}

export class PaymentDeclinedPayload implements PaymentDeclinedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly paymentId!: string;
  @IsIn(['CARD_DECLINED', 'INSUFFICIENT_FUNDS']) readonly reason!:
    'CARD_DECLINED' | 'INSUFFICIENT_FUNDS';
}
