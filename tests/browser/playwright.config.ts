import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the storefront against the composed system (issue 15): Playwright's runner
 * with the machine's Chromium (Debian's `chromium`, installed by deploy/offline/provision.sh; no
 * browser download). `CHROMIUM_PATH` is the browser (default /usr/bin/chromium). The system:
 * a stack of the tests' own (support/global-setup.ts), or the one at `SHOP_URL`.
 * Run: `npm run test:browser`. Screenshots go to tests/browser/screenshots/.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.pw.ts',
  outputDir: '../../tmp/playwright',
  globalSetup: './support/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
  },
});
