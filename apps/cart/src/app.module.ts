import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { backendServiceImports } from '@shop/platform/service-kit';
import { CartModule } from './cart/cart.module';
import { CheckoutModule } from './checkout/checkout.module';
import { CartConfig } from './config/cart.config';
import { cartDataSourceOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(config: CartConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...backendServiceImports({
          service: 'cart',
          config,
          database: cartDataSourceOptions(config),
          topics: [],
          consumes: [Topics.ordersOrders],
        }),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL }),
        CartModule,
        CheckoutModule,
      ],
      providers: [{ provide: CartConfig, useValue: config }],
      exports: [CartConfig],
    };
  }
}
