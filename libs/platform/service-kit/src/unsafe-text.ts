/**
 * Text no service can store or compare: NUL bytes (Postgres refuses them in text) and invalid
 * Unicode (lone surrogates). Found anywhere in a request's query, path parameters or JSON body,
 * it is a 400 naming the field, never a 500 from the database.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first field holding unsafe text (`payment.cardNumber`, `items[0].id`), if any. */
export function findUnsafeText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSAFE.test(value) ? path || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (UNSAFE.test(key)) return field;
      const found = findUnsafeText(inner, field);
      if (found) return found;
    }
  }
  return undefined;
}
