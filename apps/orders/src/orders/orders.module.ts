import { Module } from '@nestjs/common';
import { OrdersController } from './api/orders.controller';
import { OrderDeadlineSweeper } from './application/order-deadline.sweeper';
import { OrderEventsStream } from './application/order-events.stream';
import { OrdersRepository } from './application/orders.repository';
import { OrdersService } from './application/orders.service';
import { UnitOfWork } from './application/unit-of-work';
import { SagaEventsConsumer } from './messaging/saga-events.consumer';
import { OutboxUnitOfWork } from './persistence/outbox-unit-of-work';
import { PostgresOrdersRepository } from './persistence/postgres-orders.repository';

@Module({
  controllers: [OrdersController],
  providers: [
    OrdersService,
    { provide: OrdersRepository, useClass: PostgresOrdersRepository },
    { provide: UnitOfWork, useClass: OutboxUnitOfWork },
    OrderEventsStream,
    SagaEventsConsumer,
    OrderDeadlineSweeper,
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
