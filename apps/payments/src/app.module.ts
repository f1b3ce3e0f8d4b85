import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { backendServiceImports } from '@shop/platform/http';
import { PaymentsConfig } from './config/payments.config';
import { paymentsDataSourceOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(config: PaymentsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...backendServiceImports({
          service: 'payments',
          config,
          database: paymentsDataSourceOptions(config),
          topics: [Topics.paymentsPayments, Topics.ordersOrders],
        }),
      ],
      providers: [{ provide: PaymentsConfig, useValue: config }],
    };
  }
}
