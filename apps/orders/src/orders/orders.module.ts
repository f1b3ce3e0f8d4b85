import { Module } from '@nestjs/common';
import { OrdersController } from './api/orders.controller';
import { OrderEventsStream } from './api/order-events.stream';
import { PendingOrdersGauge } from './application/pending-orders.gauge';
import { OrderDeadlineSweeper } from './application/order-deadline.sweeper';
import { OrderStatusNotices } from './application/order-status-notices';
import { OrdersRepository } from './application/orders.repository';
import { OrdersService } from './application/orders.service';
import { UnitOfWork } from './application/unit-of-work';
import { SagaEventsConsumer } from './messaging/saga-events.consumer';
import { OutboxUnitOfWork } from './persistence/outbox-unit-of-work';
import { PostgresOrderStatusNotices } from './persistence/postgres-order-status-notices';
import { PostgresOrdersRepository } from './persistence/postgres-orders.repository';

@Module({
  controllers: [OrdersController],
  providers: [
    OrdersService,
    { provide: OrdersRepository, useClass: PostgresOrdersRepository },
    { provide: UnitOfWork, useClass: OutboxUnitOfWork },
    { provide: OrderStatusNotices, useClass: PostgresOrderStatusNotices },
    OrderEventsStream,
    SagaEventsConsumer,
    OrderDeadlineSweeper,
    PendingOrdersGauge,
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
