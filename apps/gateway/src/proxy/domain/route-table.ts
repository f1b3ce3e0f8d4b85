import { SERVICE_NAMES, type ServiceName } from '@shop/contracts';

export interface ResolvedRoute {
  readonly service: ServiceName;
  /** Path and query as the service serves them (without `/api/<service>`). */
  readonly upstreamPath: string;
}

const PREFIX = /^\/api\/([a-z]+)(\/[^?]*)?(\?.*)?$/;

/**
 * `/api/catalog/products?q=x` → catalog, `/products?q=x`. Returns null for anything that is not
 * a known service's route, or that tries to leave it (`..`, encoded slashes).
 */
export function resolveRoute(url: string): ResolvedRoute | null {
  const match = PREFIX.exec(url);
  if (!match) return null;
  const [, name, path = '/', query = ''] = match;
  if (!(SERVICE_NAMES as readonly string[]).includes(name)) return null;
  const decoded = safeDecode(path);
  if (decoded === null || decoded.split('/').some((part) => part === '..' || part === '.'))
    return null;
  if (/%2f|%5c/i.test(path)) return null;
  if (path.startsWith('/health') || path.startsWith('/docs')) return null;
  return { service: name as ServiceName, upstreamPath: `${path}${query}` };
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** Headers to pass on across the proxy, without hop-by-hop ones (RFC 9110 §7.6.1). */
export function forwardableHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const connectionListed = new Set(
    String(headers['connection'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(key) || connectionListed.has(key)) continue;
    out[key] = value;
  }
  return out;
}
