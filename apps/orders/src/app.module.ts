import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { backendServiceImports } from '@shop/platform/http';
import { OrdersConfig } from './config/orders.config';
import { ordersDataSourceOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...backendServiceImports({
          service: 'orders',
          config,
          database: ordersDataSourceOptions(config),
          topics: [Topics.ordersOrders, Topics.catalogInventory, Topics.paymentsPayments],
        }),
      ],
      providers: [{ provide: OrdersConfig, useValue: config }],
    };
  }
}
