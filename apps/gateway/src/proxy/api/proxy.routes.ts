import type { FastifyInstance } from 'fastify';
import { BODY_LIMIT_BYTES } from '@shop/platform/http';
import type { GatewayProxy } from '../application/gateway-proxy';

/**
 * `/api/<service>/...` → the service. Registered on Fastify directly (no Nest pipes): bodies
 * pass through as raw bytes and responses stream back.
 */
export async function proxyRoutes(fastify: FastifyInstance, proxy: GatewayProxy): Promise<void> {
  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.all('/api/:service', (request, reply) => proxy.handle(request, reply));
    scope.all('/api/:service/*', (request, reply) => proxy.handle(request, reply));
  });
}
