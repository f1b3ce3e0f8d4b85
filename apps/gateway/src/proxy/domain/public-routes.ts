import { isUuid, type ServiceName } from '@shop/contracts';
import { normaliseRequestPath } from './request-path';

/** What the gateway does besides forwarding: the limits tied to a route. */
export type RoutePolicy = 'signup' | 'login' | 'order-placement';

/** Who may call a route: anyone, a signed-in user, or an admin. */
export type RouteAccess = 'public' | 'user' | 'admin';

export interface PublicRoute {
  readonly service: ServiceName;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Segments after `/api/<service>`; `:name` is a UUID parameter. */
  readonly pattern: readonly string[];
  readonly access: RouteAccess;
  readonly policy?: RoutePolicy;
  /** Error statuses the contract lists for the route besides those the edge adds. */
  readonly errors: readonly number[];
}

const route = (
  service: ServiceName,
  method: PublicRoute['method'],
  path: string,
  access: RouteAccess,
  errors: readonly number[] = [],
  policy?: RoutePolicy,
): PublicRoute => ({
  service,
  method,
  pattern: path.split('/').filter(Boolean),
  access,
  errors,
  policy,
});

/**
 * Every route of the public contract (docs/api.md), and nothing else: services'
 * health, metrics and docs routes are internal, whatever the spelling. The same table says who
 * may call each route and what it can answer, for the published OpenAPI.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  route('accounts', 'POST', 'signup', 'public', [409], 'signup'),
  route('accounts', 'POST', 'login', 'public', [401], 'login'),
  route('accounts', 'GET', 'me', 'user'),
  route('catalog', 'GET', 'products', 'public'),
  route('catalog', 'POST', 'products', 'admin', [409]),
  route('catalog', 'GET', 'products/:id', 'public'),
  route('catalog', 'PUT', 'products/:id/stock', 'admin'),
  route('cart', 'GET', '', 'user'),
  route('cart', 'PUT', 'items/:productId', 'user'),
  route('cart', 'DELETE', 'items/:productId', 'user'),
  route('cart', 'POST', 'checkout', 'user', [409], 'order-placement'),
  route('orders', 'POST', '', 'user', [409], 'order-placement'),
  route('orders', 'GET', '', 'user'),
  route('orders', 'GET', ':id', 'user'),
  route('orders', 'GET', ':id/events', 'user'),
  route('payments', 'GET', '', 'user'),
];

/**
 * Every error status a route can answer: its own, and those of the edge (400 for an ambiguous
 * path or bad text, 404 for an unknown id, 401/403 for access, 413 for a body too large, 429
 * for a limit, 503 when its service cannot answer).
 */
export function errorStatuses(route: PublicRoute): number[] {
  const statuses = new Set([400, 503, ...route.errors]);
  if (route.pattern.some((part) => part.startsWith(':'))) statuses.add(404);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'admin') statuses.add(403);
  if (route.method === 'POST' || route.method === 'PUT') statuses.add(413);
  if (route.policy) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

/** Routes the gateway serves itself (GET only); another method on them is a 405. */
const GATEWAY_ROUTES = [
  '/api/health',
  '/api/docs',
  '/api/docs-json',
  '/api/docs-yaml',
  '/api/system',
  '/api/system/events',
];

export type RouteDecision =
  | {
      readonly kind: 'forward';
      readonly service: ServiceName;
      /** Canonical path and the query, as the service serves them (without `/api/<service>`). */
      readonly upstreamPath: string;
      /** The route as the service declares it, e.g. `PUT /items/:productId`. */
      readonly route: string;
      readonly policy?: RoutePolicy;
      readonly contract: PublicRoute;
    }
  /** An ambiguous spelling: 400. */
  | { readonly kind: 'bad-path'; readonly reason: string }
  /** No public route has this path: 404. */
  | { readonly kind: 'not-found'; readonly path: string }
  /** The path exists, the method does not: 405 with `Allow`. */
  | {
      readonly kind: 'method-not-allowed';
      readonly path: string;
      readonly allow: readonly string[];
    };

/**
 * Decides what to do with a request under `/api/<service>/...`: the path is normalised once
 * (request-path.ts) and that one form is matched against the public routes, so routing, rate
 * limits and access rules all see the path the service will route.
 */
export function decideRoute(method: string, rawUrl: string): RouteDecision {
  const normalised = normaliseRequestPath(rawUrl);
  if (!normalised.ok) return { kind: 'bad-path', reason: normalised.reason };
  if (GATEWAY_ROUTES.includes(normalised.path) && !['GET', 'HEAD'].includes(method.toUpperCase()))
    return { kind: 'method-not-allowed', path: normalised.path, allow: ['GET', 'HEAD'] };
  const [api, service, ...rest] = normalised.segments;
  const notFound = { kind: 'not-found', path: normalised.path } as const;
  if (api !== 'api' || service === undefined) return notFound;

  const matching = PUBLIC_ROUTES.filter(
    (candidate) => candidate.service === service && matches(candidate.pattern, rest),
  );
  if (matching.length === 0) return notFound;
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const chosen = matching.find((candidate) => candidate.method === verb);
  if (!chosen) {
    const allow: string[] = matching.map((candidate) => candidate.method);
    if (allow.includes('GET')) allow.push('HEAD');
    return { kind: 'method-not-allowed', path: normalised.path, allow };
  }
  const servicePath = `/${rest.map(encodeURIComponent).join('/')}`;
  return {
    kind: 'forward',
    service: chosen.service,
    upstreamPath: `${servicePath}${normalised.query}`,
    route: `${chosen.method} /${chosen.pattern.join('/')}`,
    policy: chosen.policy,
    contract: chosen,
  };
}

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => (part.startsWith(':') ? isUuid(segments[i]) : part === segments[i]))
  );
}

/** The upstream that serves the storefront (apps/storefront), beside the five services. */
export const STOREFRONT = 'storefront';

export type PageDecision =
  /** The storefront's page or file: the canonical path and the query, as given. */
  | { readonly kind: 'storefront'; readonly upstreamPath: string }
  | { readonly kind: 'bad-path'; readonly reason: string }
  /** Under `/api` (no public route matched there) or not a read: 404, as before. */
  | { readonly kind: 'not-found'; readonly path: string };

/**
 * Decides what to do with a request that no `/api/<service>/...` or gateway route took: `GET /`
 * and every path below it that is not `/api/...` is the storefront's (docs/api.md, "Storefront
 * and system map"), which answers unknown paths with its page (the app routes on the client).
 * Only reads reach it; anything under `/api` stays a 404 in the API's error format.
 */
export function decidePage(method: string, rawUrl: string): PageDecision {
  const normalised = normaliseRequestPath(rawUrl);
  if (!normalised.ok) return { kind: 'bad-path', reason: normalised.reason };
  const path = normalised.path;
  const underApi = normalised.segments[0] === 'api';
  if (underApi || !['GET', 'HEAD'].includes(method.toUpperCase()))
    return { kind: 'not-found', path };
  return { kind: 'storefront', upstreamPath: `${path}${normalised.query}` };
}
