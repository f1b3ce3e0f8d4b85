import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { migrateDatabase } from '@shop/platform/persistence';
import { AppModule } from './app.module';
import { loadCatalogConfig } from './config/catalog.config';
import { catalogDataSourceOptions } from './database/data-source';

void runService({
  name: 'catalog',
  loadConfig: loadCatalogConfig,
  module: (config) => AppModule.register(config),
  openApi: { title: 'catalog', description: 'Products, search and inventory' },
  migrate: (config, log) => migrateDatabase(catalogDataSourceOptions(config), log),
});
