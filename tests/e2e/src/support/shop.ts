import { randomUUID } from 'node:crypto';
import type { OrderView, ProductView } from '@shop/contracts';
import { expectEventually } from '@shop/testing';
import { getJson } from './gateway';
import { ADMIN, auth, json, login } from './users';

export const CARDS = {
  ok: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
  declined: { cardNumber: '4000000000000002', expMonth: 12, expYear: 2099, cvc: '123' },
  insufficientFunds: { cardNumber: '4000000000009995', expMonth: 12, expYear: 2099, cvc: '123' },
};

export async function newProduct(stock: number, priceCents = 1500): Promise<ProductView> {
  const admin = await login(ADMIN.email, ADMIN.password);
  const body = {
    sku: `E2E-${randomUUID().slice(0, 12)}`,
    name: 'Test item',
    description: 'Made by a test',
    category: 'tests',
    priceCents,
    stock,
  };
  const created = await getJson<ProductView>('/api/catalog/products', json('POST', body, admin));
  if (created.status !== 201) throw new Error(`product creation answered ${created.status}`);
  return created.body;
}

export function placeOrder(
  token: string,
  items: { productId: string; quantity: number }[],
  payment = CARDS.ok,
  key: string = randomUUID(),
) {
  return getJson<OrderView>('/api/orders', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
    },
    body: JSON.stringify({ items, payment }),
  });
}

export async function finalOrder(
  token: string,
  id: string,
  timeoutMs = 90_000,
): Promise<OrderView> {
  return expectEventually(
    async () => {
      const { body } = await getJson<OrderView>(`/api/orders/${id}`, auth(token));
      expect(body.status).not.toBe('PENDING');
      return body;
    },
    { timeoutMs, intervalMs: 300 },
  );
}

export const stockOf = async (id: string) =>
  (await getJson<ProductView>(`/api/catalog/products/${id}`)).body.stock;

/** `POST /api/cart/checkout` with a fresh Idempotency-Key. */
export function checkout(token: string, payment: unknown = CARDS.ok) {
  return getJson<OrderView>('/api/cart/checkout', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ payment }),
  });
}
