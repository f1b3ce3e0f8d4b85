import { ApiProperty } from '@nestjs/swagger';
import {
  CANCEL_REASONS,
  type CancelReason,
  type OrderItemView,
  type OrderStatus,
  type OrderView,
} from '@shop/contracts';

export class OrderItemResponse implements OrderItemView {
  @ApiProperty({ format: 'uuid' }) readonly productId!: string;
  @ApiProperty() readonly quantity!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Set once stock is reserved' })
  readonly unitPriceCents!: number | null;
}

export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ format: 'uuid' }) readonly userId!: string;
  @ApiProperty({ enum: ['PENDING', 'CONFIRMED', 'CANCELLED'] }) readonly status!: OrderStatus;
  @ApiProperty({ type: [OrderItemResponse] }) readonly items!: OrderItemResponse[];
  @ApiProperty({ nullable: true, type: Number }) readonly totalCents!: number | null;
  @ApiProperty({ example: 'USD' }) readonly currency!: string;
  @ApiProperty({ nullable: true, enum: CANCEL_REASONS })
  readonly cancelReason!: CancelReason | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt!: string;
}

export class OrderListResponse {
  @ApiProperty({ type: [OrderResponse] }) readonly items!: OrderResponse[];
}
