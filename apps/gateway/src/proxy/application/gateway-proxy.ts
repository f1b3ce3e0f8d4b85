import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenVerifier, bearerToken } from '@shop/platform/auth';
import { AppException, toErrorResponse } from '@shop/platform/errors';
import { LoginThrottleService } from '../../login-throttle/login-throttle.service';
import { forwardableHeaders, resolveRoute, type ResolvedRoute } from '../domain/route-table';
import { UpstreamClient } from './upstream.client';
import { UpstreamException } from './upstream.exception';

class TooManyLoginsException extends AppException<'TOO_MANY_FAILED_LOGINS'> {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_FAILED_LOGINS',
      `too many failed logins for this account; retry in ${retryAfterSeconds} s`,
    );
  }
  httpStatus(): number {
    return 429;
  }
}

/**
 * The gateway's request path for `/api/<service>/...`: verify the token if one is presented
 * (so a bad token is a 401 before any service is bothered), throttle failed logins per account,
 * forward, and stream the answer back.
 */
@Injectable()
export class GatewayProxy {
  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly verifier: TokenVerifier,
    private readonly logins: LoginThrottleService,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const route = resolveRoute(request.url);
      if (!route) throw UpstreamException.noRoute(request.url.split('?')[0]);
      const token = bearerToken(request.headers.authorization);
      if (token) await this.verifier.verify(token);

      const loginEmail = isLogin(request, route) ? emailOf(request.body) : undefined;
      if (loginEmail) {
        const wait = await this.logins.retryAfterSeconds(loginEmail);
        if (wait > 0) throw new TooManyLoginsException(wait);
      }

      const headers = forwardableHeaders(request.headers);
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
      if (error instanceof TooManyLoginsException)
        reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(body.statusCode).send(body);
    }
  }
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
