// The chaos run's workload: shoppers checking out at a steady rate (through the cart or straight
// to orders), good and declined cards, orders for the last units of scarce products, requests
// repeated with the same Idempotency-Key (at once and later), and product reads all along. Every
// request and its answer goes to the history. A checkout whose answer is lost or refused is sent
// again with the same key until it is accepted (202) or its give-up time passes: the client side
// of "nothing lost or applied twice".
import { randomUUID } from 'node:crypto';
import { call, type CallResult } from '../../load/src/http-client';
import type { History } from './history';

export const CARDS = {
  ok: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
  declined: { cardNumber: '4000000000000002', expMonth: 12, expYear: 2099, cvc: '123' },
  funds: { cardNumber: '4000000000009995', expMonth: 12, expYear: 2099, cvc: '123' },
} as const;
export type CardKind = keyof typeof CARDS;

export interface WorkloadOptions {
  readonly gateway: string;
  /** Checkouts to place (each with its own Idempotency-Key). */
  readonly orders: number;
  readonly ratePerSecond: number;
  readonly shoppers: number;
  /** Product reads per second while the checkouts go on. */
  readonly readsPerSecond: number;
  /** How long a client keeps re-sending one checkout before it gives up. */
  readonly giveUpMs: number;
  readonly random: () => number;
  readonly history: History;
  readonly admin: { readonly email: string; readonly password: string };
  /** Called as checkouts are scheduled (index from 0), for progress output. */
  readonly progress?: (scheduled: number) => void;
}

export interface RunProduct {
  readonly id: string;
  readonly initialStock: number;
  readonly scarce: boolean;
}

export interface Shopper {
  readonly index: number;
  readonly userId: string;
  readonly token: string;
  /** A cart checkout in progress (one at a time: a late confirmation empties the cart). */
  busy: boolean;
}

export interface Line {
  readonly productId: string;
  readonly quantity: number;
}

export interface Checkout {
  readonly index: number;
  readonly shopper: number;
  readonly key: string;
  readonly via: 'cart' | 'orders';
  readonly lines: readonly Line[];
  readonly card: CardKind;
  /** 'concurrent': sent 3 times at once; 'later': sent again after it was accepted. */
  readonly repeat: 'none' | 'concurrent' | 'later';
  /** Every order id a 202 answered with (one, if the key holds). */
  readonly orderIds: Set<string>;
  acceptedAt?: number;
  gaveUp?: string;
  /** Final status seen by the client (cart checkouts wait for it), if any. */
  finalStatus?: string;
}

export interface WorkloadResult {
  readonly products: RunProduct[];
  readonly shoppers: Shopper[];
  readonly checkouts: Checkout[];
}

type Send = (
  op: string,
  method: string,
  path: string,
  options?: { token?: string; body?: unknown; key?: string; shopper?: number },
) => Promise<CallResult<Record<string, unknown>>>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Worth sending again: no answer, a gateway or service that is unavailable, or rate limited. */
const retriable = (status: number) => status === 0 || status === 429 || status >= 500;

/** Sign-ups, products and the admin's token, before any fault. */
export async function prepare(options: WorkloadOptions): Promise<{
  products: RunProduct[];
  shoppers: Shopper[];
}> {
  const send = sender(options);
  const admin = await must(
    send('setup', 'POST', '/api/accounts/login', { body: options.admin }),
    'admin login',
  );
  const adminToken = String(admin.accessToken);
  const products: RunProduct[] = [];
  // Scarce: a few units each, wanted by many orders (OUT_OF_STOCK must cancel cleanly, never
  // oversell). Ample: never runs out.
  for (const [scarce, count, stock] of [
    [true, 4, 6],
    [false, 8, 100_000],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const body = {
        sku: `CHAOS-${randomUUID().slice(0, 12)}`,
        name: scarce ? `Last units ${i + 1}` : `Plenty ${i + 1}`,
        description: 'Made by the chaos run',
        category: 'chaos',
        priceCents: 500 + Math.floor(options.random() * 10_000),
        stock,
      };
      const created = await must(
        send('setup', 'POST', '/api/catalog/products', { token: adminToken, body }),
        'product creation',
      );
      products.push({ id: String(created.id), initialStock: stock, scarce });
    }
  }
  // Sign-ups hash a password (argon2id): a few at a time, not one after the other.
  const signUp = async (index: number): Promise<Shopper> => {
    const email = `chaos-${index}-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'chaos-shopper-password';
    const user = await must(
      send('setup', 'POST', '/api/accounts/signup', { body: { email, password, name: 'Chaos' } }),
      'signup',
    );
    const login = await must(
      send('setup', 'POST', '/api/accounts/login', { body: { email, password } }),
      'login',
    );
    return { index, userId: String(user.id), token: String(login.accessToken), busy: false };
  };
  const shoppers: Shopper[] = [];
  for (let from = 0; from < options.shoppers; from += 4) {
    const batch = Array.from({ length: Math.min(4, options.shoppers - from) }, (_, i) => from + i);
    shoppers.push(...(await Promise.all(batch.map(signUp))));
  }
  return { products, shoppers };
}

/** Places `orders` checkouts at the rate, with reads alongside; resolves when all are done. */
export async function runWorkload(
  options: WorkloadOptions,
  prepared: { products: RunProduct[]; shoppers: Shopper[] },
): Promise<WorkloadResult> {
  const { products, shoppers } = prepared;
  const send = sender(options);
  const rnd = options.random;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const scarce = products.filter((p) => p.scarce);
  const ample = products.filter((p) => !p.scarce);

  let reading = true;
  const reads = (async () => {
    const everyMs = 1000 / Math.max(options.readsPerSecond, 0.1);
    while (reading) {
      const path =
        rnd() < 0.5
          ? '/api/catalog/products?limit=20'
          : `/api/catalog/products/${pick(products).id}`;
      void send('read', 'GET', path);
      await pause(everyMs);
    }
  })();

  const checkouts: Checkout[] = [];
  const running: Promise<void>[] = [];
  const everyMs = 1000 / options.ratePerSecond;
  const started = Date.now();
  for (let index = 0; index < options.orders; index++) {
    const wait = started + index * everyMs - Date.now();
    if (wait > 0) await pause(wait);
    options.progress?.(index);
    const lines = new Map<string, number>();
    for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--)
      lines.set(pick(ample).id, 1 + Math.floor(rnd() * 3));
    if (rnd() < 0.3) lines.set(pick(scarce).id, 1 + Math.floor(rnd() * 2));
    const r = rnd();
    const card: CardKind = r < 0.8 ? 'ok' : r < 0.9 ? 'declined' : 'funds';
    const free = shoppers.filter((s) => !s.busy);
    const viaCart = rnd() < 0.5 && free.length > 0;
    // A cart checkout sent again once confirmed finds the cart emptied (400): only orders'
    // own endpoint promises the same order for the same key at any time.
    const q = rnd();
    const repeat = q < 0.05 ? 'concurrent' : q < 0.1 && !viaCart ? 'later' : 'none';
    const shopper = viaCart ? pick(free) : pick(shoppers);
    if (viaCart) shopper.busy = true;
    const checkout: Checkout = {
      index,
      shopper: shopper.index,
      key: randomUUID(),
      via: viaCart ? 'cart' : 'orders',
      lines: [...lines].map(([productId, quantity]) => ({ productId, quantity })),
      card,
      repeat,
      orderIds: new Set(),
    };
    checkouts.push(checkout);
    running.push(
      place(checkout, shopper, send, options).finally(() => {
        if (viaCart) shopper.busy = false;
      }),
    );
  }
  await Promise.all(running);
  reading = false;
  await reads;
  return { products, shoppers, checkouts };
}

async function place(
  checkout: Checkout,
  shopper: Shopper,
  send: Send,
  options: WorkloadOptions,
): Promise<void> {
  const deadline = Date.now() + options.giveUpMs;
  const token = shopper.token;
  const payment = CARDS[checkout.card];
  if (checkout.via === 'cart') {
    // The cart holds exactly this checkout's lines (a cancelled order leaves its lines behind).
    const cart = await retrying(deadline, () =>
      send('cart', 'GET', '/api/cart', { token, shopper: shopper.index }),
    );
    const wanted = new Set(checkout.lines.map((l) => l.productId));
    const items = (cart?.body?.['items'] as { productId: string }[] | undefined) ?? [];
    for (const item of items.filter((i) => !wanted.has(i.productId)))
      await retrying(deadline, () =>
        send('cart', 'DELETE', `/api/cart/items/${item.productId}`, {
          token,
          shopper: shopper.index,
        }),
      );
    for (const line of checkout.lines)
      await retrying(deadline, () =>
        send('cart', 'PUT', `/api/cart/items/${line.productId}`, {
          token,
          body: { quantity: line.quantity },
          shopper: shopper.index,
        }),
      );
  }
  const [path, body] =
    checkout.via === 'cart'
      ? ['/api/cart/checkout', { payment }]
      : ['/api/orders', { items: checkout.lines, payment }];
  const submit = (op: string) =>
    retrying(deadline, () =>
      send(op, 'POST', path, { token, body, key: checkout.key, shopper: shopper.index }),
    );
  const copies = checkout.repeat === 'concurrent' ? 3 : 1;
  const answers = await Promise.all(
    Array.from({ length: copies }, (_, i) => submit(i === 0 ? 'checkout' : 'repeat')),
  );
  for (const answer of answers) accept(checkout, answer);
  if (checkout.orderIds.size === 0) {
    checkout.gaveUp = `no 202 within ${options.giveUpMs} ms (last: ${answers.map((a) => a?.status ?? 'none').join(', ')})`;
    return;
  }
  const orderId = [...checkout.orderIds][0];
  if (checkout.repeat === 'later') {
    await pause(1_000 + options.random() * 4_000);
    accept(checkout, await submit('repeat'));
  }
  if (checkout.via === 'cart')
    checkout.finalStatus = await finalStatus(orderId, token, send, deadline);

  function accept(c: Checkout, answer: CallResult<Record<string, unknown>> | undefined) {
    if (answer?.status !== 202 || typeof answer.body?.['id'] !== 'string') return;
    c.orderIds.add(answer.body['id']);
    c.acceptedAt ??= options.history.now();
  }
}

/** Polls the order until it is final (cart checkouts: the shopper's next one needs the cart). */
async function finalStatus(
  orderId: string,
  token: string,
  send: Send,
  deadline: number,
): Promise<string | undefined> {
  // Its own deadline past the give-up time: an order placed just before a long fault may only
  // finish after it (the saga completes once the dead part is back, or the order times out).
  const until = Math.max(deadline, Date.now()) + 120_000;
  while (Date.now() < until) {
    const answer = await send('status', 'GET', `/api/orders/${orderId}`, { token });
    const status = answer.body?.['status'];
    if (answer.status === 200 && (status === 'CONFIRMED' || status === 'CANCELLED'))
      return String(status);
    await pause(1_000);
  }
  return undefined;
}

/** Sends until the answer is not worth retrying or the deadline passes; the last answer. */
async function retrying<T>(
  deadline: number,
  attempt: () => Promise<CallResult<T>>,
): Promise<CallResult<T> | undefined> {
  let last: CallResult<T> | undefined;
  for (let n = 0; Date.now() < deadline; n++) {
    last = await attempt();
    if (!retriable(last.status)) return last;
    await pause(Math.min(4_000, 250 * 2 ** Math.min(n, 4)));
  }
  return last;
}

function sender(options: WorkloadOptions): Send {
  return async (op, method, path, o = {}) => {
    const at = options.history.now();
    const result = await call<Record<string, unknown>>(options.gateway, method, path, {
      token: o.token,
      body: o.body,
      headers: o.key ? { 'idempotency-key': o.key } : undefined,
      timeoutMs: 10_000,
    });
    const orderId =
      typeof result.body?.['id'] === 'string' && o.key ? result.body['id'] : undefined;
    options.history.record({
      type: 'request',
      at,
      ms: options.history.now() - at,
      op,
      method,
      path,
      status: result.status,
      ...(result.error ? { error: result.error } : {}),
      ...(o.shopper !== undefined ? { shopper: o.shopper } : {}),
      ...(o.key ? { idempotencyKey: o.key } : {}),
      ...(orderId ? { orderId } : {}),
    });
    return result;
  };
}

async function must(
  answer: Promise<CallResult<Record<string, unknown>>>,
  what: string,
): Promise<Record<string, unknown>> {
  const result = await answer;
  if (result.status < 200 || result.status > 299 || !result.body)
    throw new Error(`${what} answered ${result.status || result.error}: is the stack up?`);
  return result.body;
}
