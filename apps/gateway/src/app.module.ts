import { DynamicModule, Module } from '@nestjs/common';
import { JWKS_PATH } from '@shop/contracts';
import { AuthModule } from '@shop/platform/auth';
import { createLoggerModule } from '@shop/platform/observability';
import { HealthModule } from '@shop/platform/service-kit';
import { GatewayConfig } from './config/gateway.config';
import { DocsModule } from './docs/docs.module';
import { ProxyModule } from './proxy/proxy.module';
import { SystemHealthModule } from './system-health/system-health.module';
import { SystemMapModule } from './system-map/system-map.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        createLoggerModule({ service: 'gateway', level: config.LOG_LEVEL }),
        HealthModule.forRoot({ database: false, kafka: false }),
        AuthModule.forRoot({ jwksUrl: new URL(JWKS_PATH, config.ACCOUNTS_URL).toString() }),
        ProxyModule,
        SystemHealthModule,
        SystemMapModule,
        DocsModule,
      ],
      providers: [{ provide: GatewayConfig, useValue: config }],
      exports: [GatewayConfig],
    };
  }
}
