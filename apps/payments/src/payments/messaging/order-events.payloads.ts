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
  @IsInt() @Min(0) readonly amountCents!: number;
  @IsString() @Length(3, 3) readonly currency!: string;
  @ValidateNested() @Type(() => CardSummaryPayload) readonly card!: CardSummaryPayload;
}

export class OrderCancelledPayload implements OrderCancelledV1 {
  @IsUUID() readonly orderId!: string;
  @IsUUID() readonly userId!: string;
  @IsIn(CANCEL_REASONS) readonly reason!: CancelReason;
}
