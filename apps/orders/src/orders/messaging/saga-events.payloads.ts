import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_ORDER_PRODUCT_QUANTITY,
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
  ORDER_MAX_LINES,
  type PaymentAuthorizedV1,
  type PaymentDeclinedV1,
  type PricedLine,
  type StockReservationRejectedV1,
  type StockReservedV1,
} from '@shop/contracts';

/**
 * Payload schemas of the events the saga consumes, validated on consume. Money bounds are the
 * contract's: every amount fits (exactly) in a JS number and a bigint column.
 */
class PricedLinePayload implements PricedLine {
  @IsUUID() readonly productId!: string;
  /** Catalog answers one line per product: up to every line of the order for one product. */
  @IsInt() @Min(1) @Max(MAX_ORDER_PRODUCT_QUANTITY) readonly quantity!: number;
  @IsInt() @Min(0) @Max(MAX_UNIT_PRICE_CENTS) readonly unitPriceCents!: number;
}

export class StockReservedPayload implements StockReservedV1 {
  @IsUUID() readonly orderId!: string;
  @ValidateNested({ each: true })
  @Type(() => PricedLinePayload)
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_MAX_LINES)
  readonly lines!: PricedLinePayload[];
}

export class StockReservationRejectedPayload implements StockReservationRejectedV1 {
  @IsUUID() readonly orderId!: string;
  @IsIn(['OUT_OF_STOCK', 'UNKNOWN_PRODUCT']) readonly reason!: 'OUT_OF_STOCK' | 'UNKNOWN_PRODUCT';
}

export class PaymentAuthorizedPayload implements PaymentAuthorizedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly paymentId!: string;
  @IsInt() @Min(0) @Max(MAX_ORDER_TOTAL_CENTS) readonly amountCents!: number;
}

export class PaymentDeclinedPayload implements PaymentDeclinedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly paymentId!: string;
  @IsIn(['CARD_DECLINED', 'INSUFFICIENT_FUNDS']) readonly reason!:
    'CARD_DECLINED' | 'INSUFFICIENT_FUNDS';
}
