import { DynamicModule, Global, Module } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { loggedRequestOf, requestInContext, type LoggedRequest } from './request-context';

/** Paths that never reach a log line (docs/api.md: no secrets, passwords or card data in logs). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.cardNumber',
  '*.cvc',
  '*.accessToken',
  '*.DB_PASSWORD',
];

export interface LoggingOptions {
  readonly service: string;
  readonly level: string;
  /** Where the lines go: standard output unless given (tests read them from a stream). */
  readonly destination?: DestinationStream;
}

/**
 * JSON lines (pino) with the service name, the request being handled (`req`) and the active
 * trace/span ids on every line.
 */
export function jsonLoggerOptions({ service, level }: LoggingOptions): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: requestLogFields,
  };
}

/**
 * What the mixin adds to a line: the request it was written in (`req`, from the request context
 * or the line's own `req`), then the active span's ids. `req` comes first, where pino-http's
 * child logger put it, so lines keep their shape and key order.
 */
export function requestLogFields(mergeObject: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const req = (mergeObject as { req?: unknown }).req ?? requestInContext();
  if (req !== undefined) fields['req'] = req;
  const span = trace.getActiveSpan()?.spanContext();
  if (span) {
    fields['trace_id'] = span.traceId;
    fields['span_id'] = span.spanId;
  }
  return fields;
}

/**
 * The logger providers of nestjs-pino (`Logger` for Nest, `PinoLogger`) without its module:
 * `LoggerModule.configure` mounts pino-http as Nest middleware on every route, a child logger,
 * listeners and a request context per request (~150-200 µs of CPU per request, BENCHMARKS.md).
 * Requests are logged by Fastify hooks instead (`registerRequestLogging`, libs/platform/http).
 */
@Global()
@Module({})
export class JsonLoggerModule {}

export function createLoggerModule(options: LoggingOptions): DynamicModule {
  // nestjs-pino builds its root logger through pino-http's factory, which would wrap the
  // serializers for raw requests; the lines here carry plain `req`/`res` objects.
  const pinoOptions = { ...jsonLoggerOptions(options), wrapSerializers: false };
  const { providers, exports } = LoggerModule.forRoot({
    pinoHttp: options.destination ? [pinoOptions, options.destination] : pinoOptions,
  });
  return { module: JsonLoggerModule, global: true, providers, exports };
}

/** Requests with no completion line: health probes, many a minute from Docker and balancers. */
export function isLoggedRequest(url: string): boolean {
  return !url.startsWith('/health');
}

/**
 * A request's completion line, in pino-http's shape: `req`, `res`, `responseTime` (ms), trace ids
 * from the mixin; a 5xx is "request errored" with an `err` naming the status, as pino-http wrote.
 */
export function logRequestCompleted(
  logger: Logger,
  request: LoggedRequest,
  statusCode: number,
  responseTimeMs: number,
): void {
  const req = loggedRequestOf(request);
  const res = { statusCode };
  const responseTime = Math.round(responseTimeMs);
  if (statusCode >= 500) {
    const err = new Error(`failed with status code ${statusCode}`);
    logger.info({ req, res, err, responseTime }, 'request errored');
  } else {
    logger.info({ req, res, responseTime }, 'request completed');
  }
}

/** The line of a request its client abandoned before the response: no status, no time yet. */
export function logRequestAborted(logger: Logger, request: LoggedRequest): void {
  logger.info({ req: loggedRequestOf(request) }, 'request aborted');
}
