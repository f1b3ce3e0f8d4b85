import './instrumentation';
import { runService } from '@shop/platform/service-kit';
import { AppModule } from './app.module';
import { GatewayConfig, loadGatewayConfig } from './config/gateway.config';
import { setupDocs } from './docs/setup-docs';
import { GatewayProxy } from './proxy/application/gateway-proxy';
import { proxyRoutes } from './proxy/api/proxy.routes';

void runService({
  name: 'gateway',
  loadConfig: loadGatewayConfig,
  module: (config) => AppModule.register(config),
  configure: async (app) => {
    setupDocs(app);
    await proxyRoutes(
      app.getHttpAdapter().getInstance(),
      app.get(GatewayProxy),
      app.get(GatewayConfig).BODY_LIMIT_BYTES,
    );
  },
});
