import { ApiProperty } from '@nestjs/swagger';
import type { PaymentStatus, PaymentView } from '@shop/contracts';

export class PaymentResponse implements PaymentView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ format: 'uuid' }) readonly orderId!: string;
  @ApiProperty() readonly amountCents!: number;
  @ApiProperty({ example: 'USD' }) readonly currency!: string;
  @ApiProperty({ enum: ['AUTHORIZED', 'DECLINED', 'REFUNDED'] }) readonly status!: PaymentStatus;
  @ApiProperty({ example: '4242' }) readonly cardLast4!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
}

export class PaymentListResponse {
  @ApiProperty({ type: [PaymentResponse] }) readonly items!: PaymentResponse[];
}
