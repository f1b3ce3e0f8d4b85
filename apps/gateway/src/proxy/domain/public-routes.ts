import { isUuid, type ServiceName } from '@shop/contracts';
import { normaliseRequestPath } from './request-path';

/** What the gateway does besides forwarding: the limits tied to a route. */
export type RoutePolicy = 'signup' | 'login' | 'order-placement';

interface PublicRoute {
  readonly service: ServiceName;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Segments after `/api/<service>`; `:name` is a UUID parameter. */
  readonly pattern: readonly string[];
  readonly policy?: RoutePolicy;
}

const route = (
  service: ServiceName,
  method: PublicRoute['method'],
  path: string,
  policy?: RoutePolicy,
): PublicRoute => ({ service, method, pattern: path.split('/').filter(Boolean), policy });

/**
 * Every route of the public contract (../shared/design/api.md), and nothing else: services'
 * health, metrics and docs routes are internal, whatever the spelling.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  route('accounts', 'POST', 'signup', 'signup'),
  route('accounts', 'POST', 'login', 'login'),
  route('accounts', 'GET', 'me'),
  route('catalog', 'GET', 'products'),
  route('catalog', 'POST', 'products'),
  route('catalog', 'GET', 'products/:id'),
  route('catalog', 'PUT', 'products/:id/stock'),
  route('cart', 'GET', ''),
  route('cart', 'PUT', 'items/:productId'),
  route('cart', 'DELETE', 'items/:productId'),
  route('cart', 'POST', 'checkout', 'order-placement'),
  route('orders', 'POST', '', 'order-placement'),
  route('orders', 'GET', ''),
  route('orders', 'GET', ':id'),
  route('orders', 'GET', ':id/events'),
  route('payments', 'GET', ''),
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
  };
}

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => (part.startsWith(':') ? isUuid(segments[i]) : part === segments[i]))
  );
}
