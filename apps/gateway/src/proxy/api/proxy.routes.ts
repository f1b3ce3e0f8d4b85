import { METHODS } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { reasonPhrase } from '@shop/platform/errors';
import type { GatewayProxy } from '../application/gateway-proxy';
import { normaliseRequestPath } from '../domain/request-path';

/**
 * `/api/<service>/...` → the service; any other path → the storefront (reads only). Registered on Fastify directly (no Nest pipes): bodies
 * pass through as raw bytes (at most `bodyLimit`, else 413) and responses stream back. Errors
 * Fastify raises itself (body too large, malformed request) get the contract's error body.
 * Their completion lines come from the platform's request logging, as every route's.
 */
export async function proxyRoutes(
  fastify: FastifyInstance,
  proxy: GatewayProxy,
  bodyLimit: number,
): Promise<void> {
  // An ambiguous path is a 400 wherever it points (`//host/...`, `/a/../b`), not only under /api.
  fastify.addHook('onRequest', async (request, reply) => {
    const path = normaliseRequestPath(request.url);
    if (!path.ok)
      return reply.status(400).send({
        statusCode: 400,
        error: reasonPhrase(400),
        message: path.reason,
        code: 'AMBIGUOUS_PATH',
      });
  });
  // Every method Node parses reaches the proxy, so a known path answers an unknown method (QUERY,
  // PROPFIND, ...) with 405 and `Allow` rather than Fastify's 404. CONNECT is not a request.
  for (const method of METHODS)
    if (method !== 'CONNECT' && !fastify.supportedMethods.includes(method))
      fastify.addHttpMethod(method, { hasBody: true });
  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const statusCode = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      const message =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `request body larger than ${bodyLimit} bytes`
          : error.message;
      void reply
        .status(statusCode)
        .send({ statusCode, error: reasonPhrase(statusCode), message, code: error.code });
    });
    scope.all('/api/:service', (request, reply) => proxy.handle(request, reply));
    scope.all('/api/:service/*', (request, reply) => proxy.handle(request, reply));
    // Everything else (`/`, `/products/...`, `/assets/...`): the storefront, for reads.
    scope.all('/', (request, reply) => proxy.handlePage(request, reply));
    scope.all('/*', (request, reply) => proxy.handlePage(request, reply));
  });
}
