import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenVerifier, bearerToken } from '@shop/platform/auth';
import { toErrorResponse } from '@shop/platform/errors';
import { AuthRateLimitService } from '../../rate-limits/auth-rate-limit.service';
import { LoginThrottleService } from '../../rate-limits/login-throttle.service';
import { OrderThrottleService } from '../../rate-limits/order-throttle.service';
import { forwardableHeaders } from '../domain/forwardable-headers';
import { decideRoute } from '../domain/public-routes';
import { ProxyErrorCode, ProxyException } from './proxy.exception';
import { UpstreamClient } from './upstream.client';

/**
 * The gateway's request path for `/api/<service>/...` (docs/api.md, "The edge"): normalise the path
 * once and match it against the public routes (anything else is a 400, 404 or 405 here), verify
 * the token if one is presented (so a bad token is a 401 before any service is bothered), apply
 * the route's limits (signups and logins per address, failed logins per account and address,
 * order placements per user), forward, and stream the answer back.
 */
/** Largest upstream body read whole before it is written back (above it, or unknown: streamed). */
const BUFFERED_BODY_BYTES = 64 * 1024;

@Injectable()
export class GatewayProxy {
  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly verifier: TokenVerifier,
    private readonly authAttempts: AuthRateLimitService,
    private readonly logins: LoginThrottleService,
    private readonly orderThrottle: OrderThrottleService,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const route = decideRoute(request.method, request.url);
      switch (route.kind) {
        case 'bad-path':
          throw ProxyException.ambiguousPath(route.reason);
        case 'not-found':
          throw ProxyException.noRoute(route.path);
        case 'method-not-allowed':
          throw ProxyException.methodNotAllowed(request.method, route.path, route.allow);
        case 'forward':
          break;
        default: {
          const unreachable: never = route;
          return unreachable;
        }
      }
      const token = bearerToken(request.headers.authorization);
      const caller = token ? await this.verifier.verify(token) : undefined;
      const address = request.ip;

      if (route.policy === 'signup' || route.policy === 'login') {
        const wait = await this.authAttempts.take(address);
        if (wait > 0)
          throw ProxyException.tooMany(
            ProxyErrorCode.TooManyAuthAttempts,
            'too many signups and logins from this address',
            wait,
          );
      }
      if (caller && route.policy === 'order-placement') {
        const wait = await this.orderThrottle.take(caller.id);
        if (wait > 0)
          throw ProxyException.tooMany(
            ProxyErrorCode.TooManyOrders,
            'too many orders placed',
            wait,
          );
      }
      const loginEmail = route.policy === 'login' ? emailOf(request.body) : undefined;
      if (loginEmail) {
        const wait = await this.logins.retryAfterSeconds(loginEmail, address);
        if (wait > 0)
          throw ProxyException.tooMany(
            ProxyErrorCode.TooManyFailedLogins,
            'too many failed logins for this account',
            wait,
          );
      }

      const headers = forwardableHeaders(request.headers);
      // Trace context is not copied: the HTTP client instrumentation writes the gateway's own
      // (a child of the caller's), and a second traceparent header would break the trace.
      for (const name of ['traceparent', 'tracestate']) delete headers[name];
      headers['x-request-id'] = request.id;
      headers['x-forwarded-for'] = address;
      headers['x-forwarded-proto'] = request.protocol;
      // A client that goes away cancels its upstream request (an SSE stream, say).
      const clientGone = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) clientGone.abort();
      });
      const upstream = await this.upstreams.send(route.service, {
        method: request.method,
        path: route.upstreamPath,
        headers,
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        signal: clientGone.signal,
      });

      if (loginEmail && upstream.statusCode === 401)
        await this.logins.recordFailure(loginEmail, address);
      if (loginEmail && upstream.statusCode === 200)
        await this.logins.recordSuccess(loginEmail, address);

      const answer = forwardableHeaders(upstream.headers);
      delete answer['x-request-id'];
      reply.status(upstream.statusCode).headers(answer);
      // A small answer of known length is read whole and written in one go (with its length);
      // anything else (an SSE stream, a chunked body, a HEAD's empty one) streams through.
      const length = Number(upstream.headers['content-length']);
      if (length <= BUFFERED_BODY_BYTES && request.method !== 'HEAD')
        return reply.send(Buffer.from(await upstream.body.arrayBuffer()));
      return reply.send(upstream.body);
    } catch (error) {
      const body = toErrorResponse(error);
      if (error instanceof ProxyException)
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.status(body.statusCode).send(body);
    }
  }
}

/**
 * The email of a login body, if it has one (anything else is the service's 400 to give). Bodies
 * are bounded by the gateway's body limit, so the whole body is read whatever its padding.
 */
function emailOf(body: unknown): string | undefined {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    const email = (JSON.parse(body.toString('utf8')) as { email?: unknown }).email;
    return typeof email === 'string' && email.length <= 254 ? email : undefined;
  } catch {
    return undefined;
  }
}
