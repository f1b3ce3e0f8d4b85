/**
 * The one form of a request path the gateway routes, limits and checks (docs/api.md, "The edge").
 *
 * A path is decoded once, segment by segment. Anything a service's router could read differently
 * from the gateway is refused instead of guessed at: an encoded `/` or `\`, a raw `\`, dot
 * segments (`.`, `..`, also encoded), empty segments (`//`), control characters, `#`, and
 * percent-encoding that does not decode. What is left is re-encoded canonically, so the service
 * receives exactly the segments the gateway's policy saw.
 */
export type NormalisedPath =
  | {
      readonly ok: true;
      /** Decoded segments, e.g. `['api', 'accounts', 'login']`. */
      readonly segments: readonly string[];
      /** The canonical path (each segment percent-encoded, no trailing slash). */
      readonly path: string;
      /** The query string with its `?`, untouched (services parse it), or ''. */
      readonly query: string;
    }
  | { readonly ok: false; readonly reason: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function normaliseRequestPath(rawUrl: string): NormalisedPath {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!rawPath.startsWith('/')) return refuse('the path must start with /');
  if (rawPath.includes('#')) return refuse('the path must not contain #');
  if (rawPath.includes('\\')) return refuse('the path must not contain \\');

  const raw = rawPath === '/' ? [] : rawPath.slice(1).split('/');
  // One trailing slash is the same resource (`/api/orders/`); anything else empty is `//`.
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const segments: string[] = [];
  for (const part of raw) {
    if (part === '') return refuse('the path must not contain empty segments (//)');
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return refuse('the path has invalid percent-encoding');
    }
    if (segment.includes('/') || segment.includes('\\'))
      return refuse('the path must not contain an encoded / or \\');
    if (segment === '.' || segment === '..') return refuse('the path must not contain . or ..');
    if (CONTROL.test(segment)) return refuse('the path must not contain control characters');
    segments.push(segment);
  }
  return {
    ok: true,
    segments,
    path: `/${segments.map(encodeURIComponent).join('/')}`,
    query,
  };
}

function refuse(reason: string): NormalisedPath {
  return { ok: false, reason };
}
