import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenVerifier, bearerToken } from '@shop/platform/auth';
import { AppException, toErrorResponse } from '@shop/platform/errors';
import { LoginThrottleService } from '../../login-throttle/login-throttle.service';
import { OrderThrottleService } from '../../login-throttle/order-throttle.service';
import { forwardableHeaders, resolveRoute, type ResolvedRoute } from '../domain/route-table';
import { UpstreamClient } from './upstream.client';
import { UpstreamException } from './upstream.exception';

/** 429 with Retry-After: failed logins per account, or order placements per user. */
class TooManyRequestsException extends AppException<'TOO_MANY_FAILED_LOGINS' | 'TOO_MANY_ORDERS'> {
  constructor(
    code: 'TOO_MANY_FAILED_LOGINS' | 'TOO_MANY_ORDERS',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, `${message}; retry in ${retryAfterSeconds} s`);
  }
  httpStatus(): number {
    return 429;
  }
}

/**
 * The gateway's request path for `/api/<service>/...`: verify the token if one is presented
 * (so a bad token is a 401 before any service is bothered), throttle failed logins per account and order placements per user,
 * forward, and stream the answer back.
 */
@Injectable()
export class GatewayProxy {
  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly verifier: TokenVerifier,
    private readonly logins: LoginThrottleService,
    private readonly orderThrottle: OrderThrottleService,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const route = resolveRoute(request.url);
      if (!route) throw UpstreamException.noRoute(request.url.split('?')[0]);
      const token = bearerToken(request.headers.authorization);
      const caller = token ? await this.verifier.verify(token) : undefined;
      if (caller && isOrderPlacement(request, route)) {
        const wait = await this.orderThrottle.take(caller.id);
        if (wait > 0)
          throw new TooManyRequestsException('TOO_MANY_ORDERS', 'too many orders placed', wait);
      }

      const loginEmail = isLogin(request, route) ? emailOf(request.body) : undefined;
      if (loginEmail) {
        const wait = await this.logins.retryAfterSeconds(loginEmail);
        if (wait > 0) {
          throw new TooManyRequestsException(
            'TOO_MANY_FAILED_LOGINS',
            'too many failed logins for this account',
            wait,
          );
        }
      }

      const headers = forwardableHeaders(request.headers);
      // Trace context is not copied: the HTTP client instrumentation writes the gateway's own
      // (a child of the caller's), and a second traceparent header would break the trace.
      for (const name of ['traceparent', 'tracestate']) delete headers[name];
      headers['x-request-id'] = request.id;
      headers['x-forwarded-for'] = request.ip;
      headers['x-forwarded-proto'] = request.protocol;
      const upstream = await this.upstreams.send(route.service, {
        method: request.method,
        path: route.upstreamPath,
        headers,
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
      });

      if (loginEmail && upstream.statusCode === 401) await this.logins.recordFailure(loginEmail);
      if (loginEmail && upstream.statusCode === 200) await this.logins.recordSuccess(loginEmail);

      reply.status(upstream.statusCode);
      for (const [name, value] of Object.entries(forwardableHeaders(upstream.headers))) {
        if (name !== 'x-request-id') reply.header(name, value);
      }
      return reply.send(upstream.body);
    } catch (error) {
      const body = toErrorResponse(error);
      if (error instanceof TooManyRequestsException)
        reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(body.statusCode).send(body);
    }
  }
}

function isOrderPlacement(request: FastifyRequest, route: ResolvedRoute): boolean {
  const path = route.upstreamPath.split('?')[0];
  return (
    request.method === 'POST' &&
    ((route.service === 'orders' && path === '/') ||
      (route.service === 'cart' && path === '/checkout'))
  );
}

function isLogin(request: FastifyRequest, route: ResolvedRoute): boolean {
  return (
    request.method === 'POST' &&
    route.service === 'accounts' &&
    route.upstreamPath.split('?')[0] === '/login'
  );
}

/** The email of a login body, if it has one (anything else is the service's 400 to give). */
function emailOf(body: unknown): string | undefined {
  if (!Buffer.isBuffer(body) || body.length > 4096) return undefined;
  try {
    const email = (JSON.parse(body.toString('utf8')) as { email?: unknown }).email;
    return typeof email === 'string' && email.length <= 254 ? email : undefined;
  } catch {
    return undefined;
  }
}
