import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GatewayConfig } from '../config/gateway.config';
import { describeSystemMapAccess } from '../system-map/api/system-map-docs';
import { OpenApiAggregator } from './openapi-aggregator';

/** Swagger UI at `/api/docs`, the document at `/api/docs-json` (docs/api.md). */
export function setupDocs(app: NestFastifyApplication): void {
  const aggregator = app.get(OpenApiAggregator);
  const config = app.get(GatewayConfig);
  const created = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Shop API')
      .setDescription(
        'The public API of the shop, through the gateway. See docs/api.md for the contract.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const own = describeSystemMapAccess(created, config.SYSTEM_MAP_PUBLIC);
  SwaggerModule.setup('api/docs', app, own, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    patchDocumentOnRequest: (_req, _res, document) => aggregator.document(document),
  });
}
