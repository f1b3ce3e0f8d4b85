import { Module } from '@nestjs/common';
import { PaymentsController } from './api/payments.controller';
import { PaymentsService } from './application/payments.service';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { PaymentsRepository } from './persistence/payments.repository';

@Module({
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentsRepository, OrderEventsConsumer],
})
export class PaymentsModule {}
