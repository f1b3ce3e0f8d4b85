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
  // Expect is answered per hop: the gateway's server already said 100 Continue to its client,
  // and the upstream client refuses the header (it never reaches the service).
  'expect',
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
