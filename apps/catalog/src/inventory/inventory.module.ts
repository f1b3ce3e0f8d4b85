import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module';
import { InventoryService } from './application/inventory.service';
import { StockReservationsRepository } from './application/stock-reservations.repository';
import { UnitOfWork } from './application/unit-of-work';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { OutboxUnitOfWork } from './persistence/outbox-unit-of-work';
import { PostgresStockReservationsRepository } from './persistence/postgres-stock-reservations.repository';

/** Stock reservations; driven by the checkout saga over Kafka (orders). */
@Module({
  imports: [ProductsModule],
  providers: [
    InventoryService,
    OrderEventsConsumer,
    { provide: StockReservationsRepository, useClass: PostgresStockReservationsRepository },
    { provide: UnitOfWork, useClass: OutboxUnitOfWork },
  ],
  exports: [InventoryService],
})
export class InventoryModule {}
