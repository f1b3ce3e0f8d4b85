import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { backendServiceImports } from '@shop/platform/service-kit';
import { PaymentsConfig } from './config/payments.config';
import { paymentsDataSourceOptions } from './database/data-source';
import { PaymentsModule } from './payments/payments.module';

@Module({})
export class AppModule {
  static register(config: PaymentsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...backendServiceImports({
          service: 'payments',
          config,
          database: paymentsDataSourceOptions(config),
          topics: [Topics.paymentsPayments],
          consumes: [Topics.ordersOrders],
        }),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL }),
        PaymentsModule,
      ],
      providers: [{ provide: PaymentsConfig, useValue: config }],
      exports: [PaymentsConfig],
    };
  }
}
