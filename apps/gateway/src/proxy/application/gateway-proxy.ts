import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenVerifier, bearerToken } from '@shop/platform/auth';
import { toErrorResponse } from '@shop/platform/errors';
import { endOnClose } from '@shop/platform/service-kit';
import { AuthRateLimitService } from '../../rate-limits/auth-rate-limit.service';
import { LoginThrottleService } from '../../rate-limits/login-throttle.service';
import { OrderThrottleService } from '../../rate-limits/order-throttle.service';
import { forwardableHeaders } from '../domain/forwardable-headers';
import { decidePage, decideRoute } from '../domain/public-routes';
import { accountOf, policyRules, type LimiterName } from '../domain/route-policies';
import { ProxyErrorCode, ProxyException } from './proxy.exception';
import { UpstreamClient } from './upstream.client';

/**
 * The gateway's request path for `/api/<service>/...` (docs/api.md, "The edge"): normalise the path
 * once and match it against the public routes (anything else is a 400, 404 or 405 here), verify
 * the token if one is presented (so a bad token is a 401 before any service is bothered), apply
 * the limits of the route's policy (domain/route-policies.ts), forward, and stream the answer back.
 */
/** Largest upstream body read whole before it is written back (above it, or unknown: streamed). */
const BUFFERED_BODY_BYTES = 64 * 1024;

interface Refusal {
  readonly code: Parameters<typeof ProxyException.tooMany>[0];
  readonly message: string;
}

/** The 429 each limiter of a route policy answers with. */
const REFUSALS: Readonly<Record<LimiterName, Refusal>> = {
  'auth-attempts': {
    code: ProxyErrorCode.TooManyAuthAttempts,
    message: 'too many signups and logins from this address',
  },
  'order-placements': { code: ProxyErrorCode.TooManyOrders, message: 'too many orders placed' },
};

@Injectable()
export class GatewayProxy {
  private readonly limiters: Readonly<Record<LimiterName, { take(key: string): Promise<number> }>>;

  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly verifier: TokenVerifier,
    authAttempts: AuthRateLimitService,
    private readonly logins: LoginThrottleService,
    orderPlacements: OrderThrottleService,
  ) {
    this.limiters = { 'auth-attempts': authAttempts, 'order-placements': orderPlacements };
  }

  /**
   * Any other path: the storefront's page or file (GET and HEAD of a path not under `/api`),
   * forwarded without a token check or limits (static files), streamed back; else a 404.
   */
  async handlePage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const page = decidePage(request.method, request.url);
      if (page.kind === 'bad-path') throw ProxyException.ambiguousPath(page.reason);
      if (page.kind === 'not-found') throw ProxyException.noRoute(page.path);
      const headers = forwardableHeaders(request.headers);
      for (const name of ['traceparent', 'tracestate', 'authorization', 'cookie'])
        delete headers[name];
      headers['x-request-id'] = request.id;
      const upstream = await this.upstreams.page({
        method: request.method,
        path: page.upstreamPath,
        headers,
      });
      const answer = forwardableHeaders(upstream.headers);
      delete answer['x-request-id'];
      // Static files are small (the app's JavaScript is < 300 kB): read whole, sent with a length.
      const body = Buffer.from(await upstream.body.arrayBuffer());
      return reply
        .status(upstream.statusCode)
        .headers(answer)
        .send(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const body = toErrorResponse(error);
      if (error instanceof ProxyException)
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.status(body.statusCode).send(body);
    }
  }

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

      const rules = policyRules(route.policy);
      for (const limit of rules.limits) {
        const key = limit.per === 'address' ? address : caller?.id;
        if (key === undefined) continue;
        const wait = await this.limiters[limit.limiter].take(key);
        if (wait > 0) {
          const { code, message } = REFUSALS[limit.limiter];
          throw ProxyException.tooMany(code, message, wait);
        }
      }
      const account = rules.failedLogins ? accountOf(request.body, rules.failedLogins) : undefined;
      if (account) {
        const wait = await this.logins.retryAfterSeconds(account, address);
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

      if (account && upstream.statusCode === 401) await this.logins.recordFailure(account, address);
      if (account && upstream.statusCode === 200) await this.logins.recordSuccess(account, address);

      const answer = forwardableHeaders(upstream.headers);
      delete answer['x-request-id'];
      reply.status(upstream.statusCode).headers(answer);
      // A small answer of known length is read whole and written in one go (with its length);
      // anything else (an SSE stream, a chunked body, a HEAD's empty one) streams through.
      const length = Number(upstream.headers['content-length']);
      if (length <= BUFFERED_BODY_BYTES && request.method !== 'HEAD')
        return reply.send(Buffer.from(await upstream.body.arrayBuffer()));
      // a stream (SSE) would hold this gateway's close (SIGTERM) open: it ends then, the client
      // reconnects to another gateway replica
      endOnClose(reply, () => clientGone.abort());
      return reply.send(upstream.body);
    } catch (error) {
      const body = toErrorResponse(error);
      if (error instanceof ProxyException)
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.status(body.statusCode).send(body);
    }
  }
}
