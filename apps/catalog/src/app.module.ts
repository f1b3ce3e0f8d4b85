import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { backendServiceImports } from '@shop/platform/service-kit';
import { CatalogConfig } from './config/catalog.config';
import { catalogDataSourceOptions } from './database/data-source';
import { InventoryModule } from './inventory/inventory.module';
import { ProductsModule } from './products/products.module';

@Module({})
export class AppModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...backendServiceImports({
          service: 'catalog',
          config,
          database: catalogDataSourceOptions(config),
          topics: [Topics.catalogInventory],
          consumes: [Topics.ordersOrders],
        }),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL }),
        ProductsModule,
        InventoryModule,
      ],
      providers: [{ provide: CatalogConfig, useValue: config }],
    };
  }
}
