import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  isLoggedRequest,
  logRequestAborted,
  logRequestCompleted,
  runInRequestContext,
} from '@shop/platform/observability';

/**
 * Request logging on every route, from Fastify hooks: one completion line per request (none for
 * health probes), one "request aborted" line when the client leaves first, and the request on
 * every line written while it is handled (the root logger's mixin reads the request context).
 * It replaces pino-http as Nest middleware, whose child logger, response listeners and context
 * per request cost ~150-200 µs of CPU per request (BENCHMARKS.md).
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  // The rest of the request's handling runs in its context: later hooks, the handler (guards,
  // pipes, controller, filters) and what they start. Fastify's body parser hands the context on
  // (an AsyncResource), so a body arriving after the headers does not lose it.
  fastify.addHook('onRequest', (request, _reply, done) => runInRequestContext(request, done));
  fastify.addHook('onResponse', (request, reply, done) => {
    if (isLoggedRequest(request.url))
      logRequestCompleted(logger, request, reply.statusCode, reply.elapsedTime);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (isLoggedRequest(request.url)) logRequestAborted(logger, request);
    done();
  });
}
