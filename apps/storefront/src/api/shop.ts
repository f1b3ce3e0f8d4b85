import type {
  CartView,
  LoginResult,
  MeView,
  OrderView,
  PaymentInput,
  PaymentView,
  ProductPage,
  ProductView,
  UserView,
} from '@shop/contracts';
import { requestJson, send } from './http';
import { readSse } from './sse';

/** The public API calls the storefront makes (docs/api.md), typed by @shop/contracts. */

export interface ProductQuery {
  readonly q?: string;
  readonly category?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export function productsPath(query: ProductQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.category) params.set('category', query.category);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset) params.set('offset', String(query.offset));
  const search = params.toString();
  return `/api/catalog/products${search ? `?${search}` : ''}`;
}

export const listProducts = (query: ProductQuery, signal?: AbortSignal) =>
  requestJson<ProductPage>(productsPath(query), { signal });

export const getProduct = (id: string, signal?: AbortSignal) =>
  requestJson<ProductView>(`/api/catalog/products/${encodeURIComponent(id)}`, { signal });

export const signup = (body: { email: string; password: string; name: string }) =>
  requestJson<UserView>('/api/accounts/signup', { method: 'POST', body });

export const login = (body: { email: string; password: string }) =>
  requestJson<LoginResult>('/api/accounts/login', { method: 'POST', body });

export const me = (token: string) => requestJson<MeView>('/api/accounts/me', { token });

export const getCart = (token: string, signal?: AbortSignal) =>
  requestJson<CartView>('/api/cart', { token, signal });

export const setCartQuantity = (token: string, productId: string, quantity: number) =>
  requestJson<CartView>(`/api/cart/items/${encodeURIComponent(productId)}`, {
    method: 'PUT',
    token,
    body: { quantity },
  });

export const removeFromCart = (token: string, productId: string) =>
  requestJson<CartView>(`/api/cart/items/${encodeURIComponent(productId)}`, {
    method: 'DELETE',
    token,
  });

export const checkout = (token: string, payment: PaymentInput, idempotencyKey: string) =>
  requestJson<OrderView>('/api/cart/checkout', {
    method: 'POST',
    token,
    body: { payment },
    headers: { 'idempotency-key': idempotencyKey },
    // Placing an order needs only orders; cart asks it, so allow a little longer.
    timeoutMs: 15_000,
  });

export const listOrders = (token: string, signal?: AbortSignal) =>
  requestJson<{ items: OrderView[] }>('/api/orders', { token, signal });

export const getOrder = (token: string, id: string, signal?: AbortSignal) =>
  requestJson<OrderView>(`/api/orders/${encodeURIComponent(id)}`, { token, signal });

export const listPayments = (token: string, orderId: string, signal?: AbortSignal) =>
  requestJson<{ items: PaymentView[] }>(`/api/payments?orderId=${encodeURIComponent(orderId)}`, {
    token,
    signal,
  });

/**
 * Follows an order's status events (`GET /api/orders/:id/events`) until the stream closes (at a
 * final status) or `signal` aborts. Read with fetch, since EventSource sends no Authorization.
 */
export async function followOrder(
  token: string,
  id: string,
  onOrder: (order: OrderView) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await send(`/api/orders/${encodeURIComponent(id)}/events`, {
    token,
    signal,
    headers: { accept: 'text/event-stream' },
  });
  if (!response.body) return;
  await readSse(
    response.body,
    (event) => {
      if (event.event !== 'status') return;
      try {
        onOrder(JSON.parse(event.data) as OrderView);
      } catch {
        // a malformed event is skipped; the next one, or a reload, brings the status
      }
    },
    signal,
  );
}

/** A fresh Idempotency-Key for one checkout attempt. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false)
    return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
