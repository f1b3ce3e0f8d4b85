import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { migrateDatabase } from '@shop/platform/persistence';
import { AppModule } from './app.module';
import { loadPaymentsConfig } from './config/payments.config';
import { paymentsDataSourceOptions } from './database/data-source';

void runService({
  name: 'payments',
  loadConfig: loadPaymentsConfig,
  module: (config) => AppModule.register(config),
  openApi: { title: 'payments', description: 'Simulated card processor and ledger' },
  migrate: (config, log) => migrateDatabase(paymentsDataSourceOptions(config), log),
});
