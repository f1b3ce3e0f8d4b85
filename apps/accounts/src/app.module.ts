import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { backendServiceImports } from '@shop/platform/http';
import { AccountsConfig } from './config/accounts.config';
import { accountsDataSourceOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(config: AccountsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...backendServiceImports({
          service: 'accounts',
          config,
          database: accountsDataSourceOptions(config),
          topics: [Topics.accountsUsers],
        }),
      ],
      providers: [{ provide: AccountsConfig, useValue: config }],
    };
  }
}
