/** The gateway of the stack under test; requests go only through the public API. */
export function gatewayUrl(path: string): string {
  const base = process.env['E2E_GATEWAY_URL'];
  if (!base) throw new Error('E2E_GATEWAY_URL is not set: run through tests/e2e/jest.config.js');
  return `${base}${path}`;
}

export async function getJson<T = unknown>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(gatewayUrl(path), init);
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}
