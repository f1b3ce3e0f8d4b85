import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the storefront against the running system (issue 15): Playwright's runner
 * with the machine's Chromium (Debian's `chromium`; no browser download). `SHOP_URL` is the
 * gateway (default http://localhost:8080), `CHROMIUM_PATH` the browser (default /usr/bin/chromium).
 * Run: `npm run test:browser`. Screenshots go to tests/browser/screenshots/.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.pw.ts',
  outputDir: '../../tmp/playwright',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env['SHOP_URL'] ?? 'http://localhost:8080',
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
  },
});
