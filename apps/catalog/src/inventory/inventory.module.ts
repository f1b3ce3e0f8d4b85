import { Module } from '@nestjs/common';
import { InventoryService } from './application/inventory.service';

/** Stock reservations; driven by the checkout saga over Kafka (orders). */
@Module({ providers: [InventoryService], exports: [InventoryService] })
export class InventoryModule {}
