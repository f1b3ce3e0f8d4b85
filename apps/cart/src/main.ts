import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { migrateDatabase } from '@shop/platform/persistence';
import { AppModule } from './app.module';
import { loadCartConfig } from './config/cart.config';
import { cartDataSourceOptions } from './database/data-source';

void runService({
  name: 'cart',
  loadConfig: loadCartConfig,
  module: (config) => AppModule.register(config),
  openApi: { title: 'cart', description: 'A cart per user with price snapshots' },
  migrate: (config, log) => migrateDatabase(cartDataSourceOptions(config), log),
});
