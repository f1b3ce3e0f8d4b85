import { randomUUID } from 'node:crypto';
import type { LoginResult, Order, PlacedOrder, ProductPage } from '../public-api';
import { call, lastStreamedStatus } from '../http-client';
import { LatencyRecorder } from '../latency-recorder';
import type { Scenario, ScenarioContext } from './scenario';

const CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
const ADMIN = {
  email: process.env['ADMIN_EMAIL'] ?? 'admin@example.com',
  password: process.env['ADMIN_PASSWORD'] ?? 'admin-dev-password',
};

/**
 * A shopper's checkout: put a product in the cart, check out, wait for CONFIRMED. Shoppers are
 * signed up before the measurement (a pool, so no one hits the per-user order limit) and each
 * has one checkout at a time: an order confirmed late must not empty the cart of the shopper's
 * next checkout (OrderConfirmed removes the ordered lines). Products get ample stock first. The latency is the accept time (202) from the scheduled time; the
 * time from placement to CONFIRMED is reported apart.
 */
interface Shopper {
  readonly token: string;
  /** Checkouts so far (starting at the shopper's index, so shoppers start on different products). */
  checkouts: number;
}

export function checkoutScenario(): Scenario {
  let target = '';
  /** Shoppers with no checkout in progress (each has one checkout at a time). */
  let idle: Shopper[] = [];
  let productIds: string[] = [];
  let confirm: LatencyRecorder;
  return {
    name: 'checkout',
    description: "cart, checkout (202), then the order's event stream until CONFIRMED",
    async setup(context: ScenarioContext) {
      target = context.target;
      confirm = new LatencyRecorder(Date.now());
      const admin = await call<LoginResult>(target, 'POST', '/api/accounts/login', { body: ADMIN });
      if (admin.status !== 200 || !admin.body)
        throw new Error(`admin login answered ${admin.status}`);
      const page = await call<ProductPage>(target, 'GET', '/api/catalog/products?limit=10');
      productIds = (page.body?.items ?? []).map((p) => p.id);
      for (const id of productIds) {
        await call(target, 'PUT', `/api/catalog/products/${id}/stock`, {
          token: admin.body.accessToken,
          body: { stock: 1_000_000 },
        });
      }
      // Enough for every arrival of ~10 s to be in progress at once; past that the pool runs dry
      // and arrivals count as `no idle shopper` (the system is far behind the rate).
      const shoppers = Math.min(300, Math.max(10, Math.ceil(context.rate * 10)));
      context.log(`signing up ${shoppers} shoppers...`);
      idle = [];
      for (let i = 0; i < shoppers; i++) {
        const email = `load-${randomUUID()}@example.com`;
        await call(target, 'POST', '/api/accounts/signup', {
          body: { email, password: 'load-test-password', name: 'Load' },
        });
        const login = await call<LoginResult>(target, 'POST', '/api/accounts/login', {
          body: { email, password: 'load-test-password' },
        });
        if (login.body) idle.push({ token: login.body.accessToken, checkouts: i });
      }
      if (idle.length === 0) throw new Error('no shopper could log in');
    },
    async arrival(scheduledAt, recorder) {
      const shopper = idle.shift();
      if (!shopper) return 'no idle shopper';
      // Each shopper's next checkout is of another product, so an OrderConfirmed that reaches the
      // cart late removes the previous line, not the one just added.
      const product = productIds[++shopper.checkouts % productIds.length];
      try {
        return await checkout(shopper.token, product, scheduledAt, recorder);
      } finally {
        idle.push(shopper);
      }
    },
    extra: () => ({ 'placement to CONFIRMED': confirm }),
  };

  async function checkout(
    token: string,
    productId: string,
    scheduledAt: number,
    recorder: LatencyRecorder,
  ): Promise<string> {
    const put = await call(target, 'PUT', `/api/cart/items/${productId}`, {
      token,
      body: { quantity: 1 },
    });
    if (put.status !== 200) return `cart HTTP ${put.status || put.error}`;
    const placed = await call<PlacedOrder>(target, 'POST', '/api/cart/checkout', {
      token,
      body: { payment: CARD },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (placed.status !== 202 || !placed.body)
      return `checkout HTTP ${placed.status || placed.error}`;
    const acceptedAt = Date.now();
    recorder.record(acceptedAt - scheduledAt);
    // The order's event stream (SSE) closes at its final status: what a storefront would watch,
    // and no polling load on the system under test.
    const final = await lastStreamedStatus<Order>(target, `/api/orders/${placed.body.id}/events`, {
      token,
      timeoutMs: 60_000,
    });
    if (final.body?.status === 'CONFIRMED') confirm.record(Date.now() - acceptedAt);
    else if (final.body && final.body.status !== 'PENDING')
      confirm.error(`order ${final.body.status} ${final.body.cancelReason}`);
    else confirm.error(final.error ? `stream ${final.error}` : 'not final within 60 s');
    return 'recorded';
  }
}
