import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { migrateDatabase } from '@shop/platform/persistence';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './config/orders.config';
import { ordersDataSourceOptions } from './database/data-source';

void runService({
  name: 'orders',
  loadConfig: loadOrdersConfig,
  module: (config) => AppModule.register(config),
  openApi: { title: 'orders', description: 'Orders and the checkout saga' },
  migrate: (config, log) => migrateDatabase(ordersDataSourceOptions(config), log),
});
