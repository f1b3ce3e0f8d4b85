import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SHOTS = 'tests/browser/screenshots';

// Set by the global setup (support/global-setup.ts), which runs before the workers load this file.
test.use({ baseURL: process.env['SHOP_URL'] });

async function signUp(page: Page): Promise<string> {
  const email = `pw-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Browser Shopper');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText(/Signed in as Browser Shopper/)).toBeVisible();
  return email;
}

/** Searches the catalog, opens the first in-stock product and puts one in the cart. */
async function addSomethingToCart(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  const firstName = await page.locator('.card h2 a').first().innerText();
  const word = firstName.split(/\s+/)[0] ?? firstName;
  await page.getByLabel('Search products').fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=/);
  await page.locator('.card:not(:has(.stock.out)) h2 a').first().click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText(/In your cart: 1/)).toBeVisible();
}

async function checkOut(page: Page, card: string): Promise<void> {
  await page.goto('/cart');
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

test('sign up, search, add to cart, check out with 4242: CONFIRMED arrives live', async ({
  page,
}) => {
  await signUp(page);
  await page.goto('/');
  await expect(page.locator('.card h2 a').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/catalog.png` });
  await addSomethingToCart(page);
  await page.screenshot({ path: `${SHOTS}/product.png` });
  await page.goto('/cart');
  await expect(page.getByRole('table')).toContainText('Total');
  await page.screenshot({ path: `${SHOTS}/cart.png` });
  await checkOut(page, '4242424242424242');
  const status = page.locator('.order-status');
  await expect(status).toHaveAttribute('data-status', 'CONFIRMED', { timeout: 30_000 });
  await expect(status).toContainText('Your order is confirmed.');
  await page.screenshot({ path: `${SHOTS}/order-confirmed.png` });
  await page.getByRole('link', { name: '← My orders' }).click();
  await expect(page.locator('table.orders')).toContainText('Confirmed');
});

test('a declined card cancels the order with the reason in words', async ({ page }) => {
  await signUp(page);
  await addSomethingToCart(page);
  await checkOut(page, '4000000000000002');
  const status = page.locator('.order-status');
  await expect(status).toHaveAttribute('data-status', 'CANCELLED', { timeout: 30_000 });
  await expect(status).toContainText('The payment was declined');
  await page.screenshot({ path: `${SHOTS}/order-declined.png` });
});

test('pages have no serious or critical accessibility violations (axe-core)', async ({ page }) => {
  for (const path of ['/', '/login', '/signup', '/system']) {
    await page.goto(path);
    await page.locator('main h1').waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect({ path, violations: serious.map((v) => `${v.id}: ${v.help}`) }).toEqual({
      path,
      violations: [],
    });
  }
});

test('the system map draws the gateway, the five services, Kafka and Postgres', async ({
  page,
}) => {
  await page.goto('/system');
  await expect(page.getByTestId('map-gateway')).toBeVisible({ timeout: 20_000 });
  for (const service of ['accounts', 'catalog', 'cart', 'orders', 'payments'])
    await expect(page.getByTestId(`map-service-${service}`)).toBeVisible();
  await expect(page.getByTestId('map-kafka')).toBeVisible();
  await expect(page.getByTestId('map-postgres')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/system-map.png`, fullPage: true });
});

/**
 * `docker compose ARGS` on the stack under test: SHOP_COMPOSE is its compose command, set by the
 * global setup (support/global-setup.ts).
 */
async function compose(...args: string[]): Promise<void> {
  const { execFile } = await import('node:child_process');
  const [command = 'docker', ...base] = (process.env['SHOP_COMPOSE'] ?? '')
    .split(/\s+/)
    .filter(Boolean);
  await new Promise<void>((resolve, reject) =>
    execFile(command, [...base, ...args], { timeout: 120_000 }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

test('payments killed: the order waits with the notice; payments started: it confirms', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page);
  await addSomethingToCart(page);
  try {
    await compose('kill', 'payments');
    await checkOut(page, '4242424242424242');
    await expect(page.getByText(/Waiting for the payment service/)).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.locator('.order-status')).toHaveAttribute('data-status', 'PENDING');
    await page.screenshot({ path: `${SHOTS}/order-waiting-for-payments.png` });
  } finally {
    await compose('start', 'payments');
  }
  await expect(page.locator('.order-status')).toHaveAttribute('data-status', 'CONFIRMED', {
    timeout: 120_000,
  });
  await expect(page.getByText(/Waiting for the payment service/)).toBeHidden();
});

test('the system map shows payments killed within seconds, and its recovery', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/system');
  const payments = page.getByTestId('map-service-payments');
  await expect(payments).toHaveAttribute('data-health', 'up', { timeout: 30_000 });
  try {
    await compose('kill', 'payments');
    await expect(payments).toHaveAttribute('data-health', 'down', { timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/system-map-payments-down.png`, fullPage: true });
  } finally {
    await compose('start', 'payments');
  }
  await expect(payments).toHaveAttribute('data-health', 'up', { timeout: 120_000 });
});
