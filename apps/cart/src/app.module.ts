import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { backendServiceImports } from '@shop/platform/http';
import { CartConfig } from './config/cart.config';
import { cartDataSourceOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(config: CartConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...backendServiceImports({
          service: 'cart',
          config,
          database: cartDataSourceOptions(config),
          topics: [Topics.ordersOrders],
        }),
      ],
      providers: [{ provide: CartConfig, useValue: config }],
    };
  }
}
