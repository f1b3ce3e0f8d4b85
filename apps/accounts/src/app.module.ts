import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { backendServiceImports } from '@shop/platform/service-kit';
import { AccountsConfig } from './config/accounts.config';
import { accountsDataSourceOptions } from './database/data-source';
import { SigningKeysService } from './tokens/application/signing-keys.service';
import { TokensModule } from './tokens/tokens.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: AccountsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...backendServiceImports({
          service: 'accounts',
          config,
          database: accountsDataSourceOptions(config),
          topics: [Topics.accountsUsers],
        }),
        // Accounts verifies its own tokens with the keys it holds, not over HTTP.
        AuthModule.forRootAsync({
          imports: [TokensModule],
          inject: [SigningKeysService],
          useFactory: (keys: SigningKeysService) => ({
            jwksUrl: 'local',
            fetchKeys: async () => keys.publicKeys(),
          }),
        }),
        TokensModule,
        UsersModule,
      ],
      providers: [{ provide: AccountsConfig, useValue: config }],
      exports: [AccountsConfig],
    };
  }
}
