import { Module } from '@nestjs/common';
import { PaymentsController } from './api/payments.controller';
import { PaymentsRepository } from './application/payments.repository';
import { PaymentsService } from './application/payments.service';
import { OrderEventsConsumer } from './messaging/order-events.consumer';
import { PostgresPaymentsRepository } from './persistence/postgres-payments.repository';

@Module({
  controllers: [PaymentsController],
  providers: [
    PaymentsService,
    { provide: PaymentsRepository, useClass: PostgresPaymentsRepository },
    OrderEventsConsumer,
  ],
})
export class PaymentsModule {}
