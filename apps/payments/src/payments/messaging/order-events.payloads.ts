import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CANCEL_REASONS,
  MAX_ORDER_TOTAL_CENTS,
  type CancelReason,
  type CardSummary,
  type OrderCancelledV1,
  type OrderPaymentRequestedV1,
} from '@shop/contracts';

class CardSummaryPayload implements CardSummary {
  @Matches(/^\d{4}$/) readonly cardLast4!: string;
  @IsInt() @Min(1) @Max(12) readonly expMonth!: number;
  @IsInt() @Min(2000) @Max(2100) readonly expYear!: number;
}

export class OrderPaymentRequestedPayload implements OrderPaymentRequestedV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  /** Up to the largest total the contract allows, exact (stored as bigint). */
  @IsInt() @Min(0) @Max(MAX_ORDER_TOTAL_CENTS) readonly amountCents!: number;
  @IsString() @Length(3, 3) readonly currency!: string;
  @ValidateNested() @Type(() => CardSummaryPayload) readonly card!: CardSummaryPayload;
}

export class OrderCancelledPayload implements OrderCancelledV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @IsIn(CANCEL_REASONS) readonly reason!: CancelReason;
}
