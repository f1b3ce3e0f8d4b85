import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '@shop/platform/errors';
import { BODY_LIMIT_BYTES } from '@shop/platform/http';
import { UpstreamClient } from '../application/upstream.client';
import { UpstreamException } from '../application/upstream.exception';
import { forwardableHeaders, resolveRoute } from '../domain/route-table';

/**
 * `/api/<service>/...` → the service. Registered on Fastify directly (no Nest pipes): bodies
 * pass through as raw bytes, responses stream back, failures become the contract's error body.
 */
export async function proxyRoutes(
  fastify: FastifyInstance,
  upstreams: UpstreamClient,
): Promise<void> {
  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );
    const handler = (request: FastifyRequest, reply: FastifyReply) =>
      forward(upstreams, request, reply);
    scope.all('/api/:service', handler);
    scope.all('/api/:service/*', handler);
  });
}

async function forward(upstreams: UpstreamClient, request: FastifyRequest, reply: FastifyReply) {
  try {
    const route = resolveRoute(request.url);
    if (!route) throw UpstreamException.noRoute(request.url.split('?')[0]);
    const headers = forwardableHeaders(request.headers);
    headers['x-request-id'] = request.id;
    headers['x-forwarded-for'] = request.ip;
    headers['x-forwarded-proto'] = request.protocol;
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const upstream = await upstreams.send(route.service, {
      method: request.method,
      path: route.upstreamPath,
      headers,
      body,
    });
    reply.status(upstream.statusCode);
    for (const [name, value] of Object.entries(forwardableHeaders(upstream.headers))) {
      if (name !== 'x-request-id') reply.header(name, value);
    }
    return reply.send(upstream.body);
  } catch (error) {
    const body = toErrorResponse(error);
    return reply.status(body.statusCode).send(body);
  }
}
