import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { migrateDatabase } from '@shop/platform/persistence';
import { AppModule } from './app.module';
import { loadAccountsConfig } from './config/accounts.config';
import { accountsDataSourceOptions } from './database/data-source';

void runService({
  name: 'accounts',
  loadConfig: loadAccountsConfig,
  module: (config) => AppModule.register(config),
  openApi: { title: 'accounts', description: 'Users, login and tokens' },
  migrate: (config, log) => migrateDatabase(accountsDataSourceOptions(config), log),
});
