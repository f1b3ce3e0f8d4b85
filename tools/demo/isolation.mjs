#!/usr/bin/env node
// `npm run demo:isolation`: narrates fault isolation against a running stack (`npm start`).
// Kills payments, then catalog, with SIGKILL, shows what keeps working and what degrades,
// restarts each and shows the orders placed meanwhile complete. Every wait is bounded.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const composeFile = join(root, 'deploy/compose/docker-compose.yml');
const base = process.env.GATEWAY_URL ?? `http://localhost:${process.env.GATEWAY_PORT ?? 8080}`;
const card = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
const started = Date.now();

const say = (line) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
const step = (title) => console.log(`\n== ${title}`);
const compose = (...args) =>
  execFileSync('docker', ['compose', '-f', composeFile, ...args], { stdio: 'pipe' }).toString();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(method, path, { token, body, headers = {} } = {}) {
  const t0 = Date.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    ms: Date.now() - t0,
    body: text ? JSON.parse(text) : undefined,
    servedBy: response.headers.get('x-served-by'),
  };
}

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(1_000);
  }
}

const healthLine = async () => {
  const { body } = await call('GET', '/api/health');
  return `${body.status}: ${Object.entries(body.services)
    .map(([s, state]) => `${s}=${state}`)
    .join(' ')}`;
};

async function main() {
  step(`The stack at ${base}`);
  const health = await call('GET', '/api/health').catch(() => undefined);
  if (!health || health.status !== 200) {
    console.error(`No gateway answers at ${base}. Start the system first: npm start`);
    process.exit(1);
  }
  say(await healthLine());

  step('A shopper');
  const email = `demo-${randomUUID().slice(0, 8)}@example.com`;
  await call('POST', '/api/accounts/signup', {
    body: { email, password: 'demo-password', name: 'Demo' },
  });
  const { body: session } = await call('POST', '/api/accounts/login', {
    body: { email, password: 'demo-password' },
  });
  const token = session.accessToken;
  const { body: page } = await call('GET', '/api/catalog/products?limit=1');
  const product = page.items[0];
  say(`signed up ${email}; will order "${product.name}" (stock ${product.stock})`);
  const order = async () =>
    call('POST', '/api/orders', {
      token,
      body: { items: [{ productId: product.id, quantity: 1 }], payment: card },
      headers: { 'idempotency-key': randomUUID() },
    });
  const statusOf = async (id) => (await call('GET', `/api/orders/${id}`, { token })).body.status;

  step('Kill payments (SIGKILL) while an order is in flight');
  const inFlight = await order();
  compose('kill', '-s', 'SIGKILL', 'payments');
  say(`order ${inFlight.body.id.slice(0, 8)} placed just before: ${inFlight.body.status}`);
  const browse = await call('GET', '/api/catalog/products?limit=3');
  say(`browse still works: ${browse.status} in ${browse.ms} ms (served by ${browse.servedBy})`);
  const placed = await order();
  say(`placing an order still works: ${placed.status} ${placed.body.status} in ${placed.ms} ms`);
  say(
    await until('health to notice', async () =>
      (await healthLine()).includes('payments=down') ? healthLine() : undefined,
    ),
  );
  await sleep(2_000);
  say(
    `meanwhile the orders wait: ${await statusOf(inFlight.body.id)}, ${await statusOf(placed.body.id)}`,
  );

  step('Start payments again');
  compose('start', 'payments');
  for (const id of [inFlight.body.id, placed.body.id]) {
    const status = await until(`order ${id} to complete`, async () => {
      const s = await statusOf(id);
      return s !== 'PENDING' ? s : undefined;
    });
    say(`order ${id.slice(0, 8)}: ${status}`);
  }

  step('Kill catalog (SIGKILL)');
  compose('kill', '-s', 'SIGKILL', 'catalog');
  const down = await call('GET', '/api/catalog/products');
  say(`catalog routes fail fast: ${down.status} ${down.body.code} in ${down.ms} ms`);
  const cart = await call('GET', '/api/cart', { token });
  say(
    `cart still works: ${cart.status}; accounts too: ${(await call('GET', '/api/accounts/me', { token })).status}`,
  );
  const whileCatalogDown = await order();
  say(`placing an order still works: ${whileCatalogDown.status} ${whileCatalogDown.body.status}`);

  step('Start catalog again');
  compose('start', 'catalog');
  const status = await until('the order to complete', async () => {
    const s = await statusOf(whileCatalogDown.body.id);
    return s !== 'PENDING' ? s : undefined;
  });
  say(`order ${whileCatalogDown.body.id.slice(0, 8)}: ${status}`);
  say(
    await until('all services up', async () =>
      (await healthLine()).startsWith('ok') ? healthLine() : undefined,
    ),
  );
  console.log('\nDone: nothing was lost, and only what depended on the dead part degraded.');
}

main().catch((error) => {
  console.error(`\ndemo failed: ${error.message}`);
  process.exit(1);
});
