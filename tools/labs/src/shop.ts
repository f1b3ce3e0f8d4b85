import { randomUUID } from 'node:crypto';
import type { LoginResult, OrderView, ProductPage } from '@shop/contracts';
import { call } from '../../load/src/http-client';

/** One answer through the gateway: status (0 when none), body, time taken and headers. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
  readonly headers: Headers;
}

/** The load tool's call, timed, with the answer's headers (x-served-by, x-request-id). */
export async function request(
  base: string,
  method: string,
  path: string,
  options: Parameters<typeof call>[3] = {},
): Promise<Answer> {
  const t0 = Date.now();
  const answer = await call(base, method, path, options);
  return {
    status: answer.status,
    body: answer.body,
    ms: Date.now() - t0,
    headers: answer.headers ?? new Headers(),
  };
}

export const GOOD_CARD = {
  cardNumber: '4242424242424242',
  expMonth: 12,
  expYear: 2099,
  cvc: '123',
};

/** A shopper of the lab's own: signed up, logged in, with a product in plenty of stock to order. */
export interface Shopper {
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly productId: string;
  readonly productName: string;
}

export async function newShopper(base: string, label: string): Promise<Shopper> {
  const email = `lab-${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'lab-password-1';
  const signup = await request(base, 'POST', '/api/accounts/signup', {
    body: { email, password, name: 'Lab' },
  });
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}`);
  const login = await request(base, 'POST', '/api/accounts/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const page = await request(base, 'GET', '/api/catalog/products?limit=100');
  // The product with the most stock (the seeded catalog has 24, up to 200 units each).
  const product = [...((page.body as ProductPage | undefined)?.items ?? [])].sort(
    (a, b) => b.stock - a.stock,
  )[0];
  if (!product || product.stock < 50)
    throw new Error(`no product with 50 units in stock (catalog answered ${page.status})`);
  return {
    email,
    password,
    token: (login.body as LoginResult).accessToken,
    productId: product.id,
    productName: product.name,
  };
}

/** `POST /api/orders` for one unit, with a fresh Idempotency-Key. */
export async function placeOrder(
  base: string,
  shopper: Shopper,
  headers: Record<string, string> = {},
): Promise<Answer & { orderId?: string }> {
  const answer = await request(base, 'POST', '/api/orders', {
    token: shopper.token,
    headers: { 'idempotency-key': randomUUID(), ...headers },
    body: { items: [{ productId: shopper.productId, quantity: 1 }], payment: GOOD_CARD },
  });
  return { ...answer, orderId: answer.status === 202 ? (answer.body as OrderView).id : undefined };
}

/** Polls each order until it is no longer PENDING (or the time is up): id → status. */
export async function finalStatuses(
  base: string,
  token: string,
  ids: readonly string[],
  timeoutMs = 120_000,
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const id of ids) {
      if (statuses.has(id) && statuses.get(id) !== 'PENDING') continue;
      const answer = await request(base, 'GET', `/api/orders/${id}`, { token });
      statuses.set(id, (answer.body as OrderView | undefined)?.status ?? `HTTP ${answer.status}`);
    }
    if (ids.every((id) => statuses.get(id) !== 'PENDING' && !statuses.get(id)?.startsWith('HTTP')))
      return statuses;
    if (Date.now() > deadline) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Counts of each value: `CONFIRMED 3, PENDING 1`. */
export function tally(values: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} ${n}`).join(', ') || 'none';
}
