import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ListPaymentsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly orderId?: string;
}
