import { DynamicModule, RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { requestIdOf } from './request-id';

/** Paths that never reach a log line (api.md: no secrets, passwords or card data in logs). */
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
  /**
   * Routes that skip the per-request logger (pino-http middleware: a child logger and request
   * context per request). The gateway's proxied routes log one completion line themselves
   * (`logRequestCompleted`), which costs a fraction of it (BENCHMARKS.md, issue 12).
   */
  readonly exclude?: Params['exclude'];
}

/** JSON logs (pino) with service name, request id and the active trace/span ids on every line. */
export function createLoggerModule({ service, level, exclude }: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    // Every route, the root included. nestjs-pino's own default (`{/*splat}`, no leading slash)
    // never reaches a request on Fastify since @fastify/middie 9.3.6 (@nestjs/platform-fastify 12)
    // prefixes it with `/`, which left requests without their log line and request context.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    ...(exclude?.length ? { exclude } : {}),
    pinoHttp: {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      genReqId: (req) => requestIdOf(req),
      customAttributeKeys: { reqId: 'request_id' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const context = trace.getActiveSpan()?.spanContext();
        return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
      },
      // The middleware sees `url` cut to its mount point; `originalUrl` is the request's path.
      autoLogging: {
        ignore: (req) =>
          ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/health'),
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}

/**
 * The completion line of a request that skipped the per-request logger, in the same shape as
 * pino-http's (`req`, `res`, `responseTime`; trace ids from the active span, added by the mixin).
 * A request its client abandoned has no status or time yet.
 */
export function logRequestCompleted(
  req: { readonly id: string; readonly method: string; readonly url: string },
  res: ServerResponse | undefined,
  responseTimeMs: number | undefined,
  msg = 'request completed',
): void {
  PinoLogger.root.info(
    {
      req: { id: req.id, method: req.method, url: req.url },
      ...(res === undefined ? {} : { res }),
      ...(responseTimeMs === undefined ? {} : { responseTime: Math.round(responseTimeMs) }),
    },
    msg,
  );
}
