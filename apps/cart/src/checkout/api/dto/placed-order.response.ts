import { ApiProperty } from '@nestjs/swagger';
import {
  CANCEL_REASONS,
  type CancelReason,
  type OrderItemView,
  type OrderStatus,
  type OrderView,
} from '@shop/contracts';

/**
 * The order checkout placed, as the orders service answered it (cart relays it unchanged). The
 * shape is the contract's `OrderView`; orders documents the same shape for its own routes.
 */
class PlacedOrderItemResponse implements OrderItemView {
  @ApiProperty({ format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ type: 'integer' }) readonly quantity!: number;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Set once stock is reserved' })
  readonly unitPriceCents!: number | null;
}

export class PlacedOrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ format: 'uuid' }) readonly userId!: string;
  @ApiProperty({ enum: ['PENDING', 'CONFIRMED', 'CANCELLED'] }) readonly status!: OrderStatus;
  @ApiProperty({ type: [PlacedOrderItemResponse] }) readonly items!: PlacedOrderItemResponse[];
  @ApiProperty({ nullable: true, type: 'integer' }) readonly totalCents!: number | null;
  @ApiProperty({ example: 'USD' }) readonly currency!: string;
  @ApiProperty({ nullable: true, enum: CANCEL_REASONS })
  readonly cancelReason!: CancelReason | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt!: string;
}
