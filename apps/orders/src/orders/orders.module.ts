import { Module } from '@nestjs/common';
import { OrdersController } from './api/orders.controller';
import { OrderDeadlineSweeper } from './application/order-deadline.sweeper';
import { OrderEventsStream } from './application/order-events.stream';
import { OrdersService } from './application/orders.service';
import { SagaEventsConsumer } from './messaging/saga-events.consumer';
import { OrdersRepository } from './persistence/orders.repository';

@Module({
  controllers: [OrdersController],
  providers: [
    OrdersService,
    OrdersRepository,
    OrderEventsStream,
    SagaEventsConsumer,
    OrderDeadlineSweeper,
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
