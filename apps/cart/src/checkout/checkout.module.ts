import { Module } from '@nestjs/common';
import { CartModule } from '../cart/cart.module';
import { CheckoutController } from './api/checkout.controller';
import { CheckoutService } from './application/checkout.service';
import { Orders } from './application/orders';
import { HttpOrdersClient } from './clients/http-orders.client';

@Module({
  imports: [CartModule],
  controllers: [CheckoutController],
  providers: [CheckoutService, { provide: Orders, useClass: HttpOrdersClient }],
})
export class CheckoutModule {}
