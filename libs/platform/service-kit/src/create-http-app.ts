import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { HttpServiceConfig } from '@shop/platform/config';
import { HttpErrorFilter, createValidationPipe } from '@shop/platform/errors';
import {
  REQUEST_ID_HEADER,
  handleMetricsRequest,
  requestIdOf,
  setServerSpanRoute,
  tracedServerFactory,
} from '@shop/platform/observability';
import { closeGracefully } from './graceful-close';
import { registerRequestLogging } from './request-logging';
import { findUnsafeText } from './unsafe-text';

export interface HttpAppOptions {
  /** Service name, used in logs, `x-served-by` and OpenAPI. */
  readonly name: string;
  readonly module: Type<unknown> | DynamicModule;
  readonly config: HttpServiceConfig;
  /** Publishes the service's OpenAPI at `/docs` and `/docs-json` unless false. */
  readonly openApi?: { readonly title: string; readonly description: string } | false;
  /** Use the Nest default logger instead of pino (tests that want quiet output pass false). */
  readonly bufferLogs?: boolean;
}

export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Creates a service's HTTP application the same way everywhere: Fastify, JSON logs (one line per
 * request), request ids, validation and error mapping, `x-served-by`, OpenAPI, graceful shutdown.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Each request's server span (OpenTelemetry) is made where the server hands it over.
    serverFactory: tracedServerFactory,
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    bufferLogs: options.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const servedBy = options.config.SERVED_BY_HEADER ? `${options.name}/${hostname()}` : undefined;
  const fastify = app.getHttpAdapter().getInstance();
  closeGracefully(fastify);
  // The logger module's providers made the root logger with the app.
  registerRequestLogging(fastify, PinoLogger.root);
  fastify.addHook('onRequest', (request, _reply, done) => {
    setServerSpanRoute(request.raw, request.routeOptions.url);
    done();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // A proxied response keeps the header of the replica that produced it.
    if (servedBy && !reply.hasHeader('x-served-by')) reply.header('x-served-by', servedBy);
    return payload;
  });

  // NUL bytes and invalid Unicode never reach validation or the database: a 400 naming the field.
  fastify.addHook('preHandler', async (request, reply) => {
    const field =
      findUnsafeText(request.query) ??
      findUnsafeText(request.params) ??
      findUnsafeText(request.body);
    if (field)
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `${field} must not contain NUL bytes or invalid Unicode`,
        code: 'VALIDATION_FAILED',
      });
  });

  // Prometheus metrics (OpenTelemetry): HTTP latency histograms, Kafka, outbox, saga, breakers.
  fastify.get('/metrics', (request, reply) => {
    reply.hijack();
    handleMetricsRequest(request.raw, reply.raw);
  });

  if (options.openApi) {
    SwaggerModule.setup('docs', app, () => buildOpenApi(app, options.openApi || undefined), {
      jsonDocumentUrl: 'docs-json',
    });
  }
  return app;
}

function buildOpenApi(
  app: INestApplicationContext,
  info: { title: string; description: string } | undefined,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info?.title ?? 'service')
    .setDescription(info?.description ?? '')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app as never, config);
}
