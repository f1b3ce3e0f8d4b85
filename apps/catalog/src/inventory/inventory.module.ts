import { Module } from '@nestjs/common';
import { InventoryService } from './application/inventory.service';
import { OrderEventsConsumer } from './messaging/order-events.consumer';

/** Stock reservations; driven by the checkout saga over Kafka (orders). */
@Module({ providers: [InventoryService, OrderEventsConsumer], exports: [InventoryService] })
export class InventoryModule {}
