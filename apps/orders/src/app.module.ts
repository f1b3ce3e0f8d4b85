import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { backendServiceImports } from '@shop/platform/service-kit';
import { OrdersConfig } from './config/orders.config';
import { ordersDataSourceOptions } from './database/data-source';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...backendServiceImports({
          service: 'orders',
          config,
          database: ordersDataSourceOptions(config),
          topics: [Topics.ordersOrders],
          consumes: [Topics.catalogInventory, Topics.paymentsPayments],
        }),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL }),
        OrdersModule,
      ],
      providers: [{ provide: OrdersConfig, useValue: config }],
      exports: [OrdersConfig],
    };
  }
}
