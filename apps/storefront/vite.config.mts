import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The storefront: a static single-page app, served by its own container behind the gateway at
 * `/`. `nx serve storefront` proxies `/api` to a gateway on localhost:8080 (GATEWAY_URL).
 */
export default defineConfig({
  root,
  base: '/',
  cacheDir: '../../node_modules/.vite/storefront',
  plugins: [react()],
  resolve: {
    alias: {
      '@shop/contracts': fileURLToPath(
        new URL('../../libs/contracts/src/index.ts', import.meta.url),
      ),
    },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': { target: process.env.GATEWAY_URL ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: '../../dist/apps/storefront/public',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // @shop/contracts' index also re-exports the event schemas (zod, built at module load):
      // its modules have no side effects the storefront relies on, so only the constants it
      // uses are kept, and zod stays out of the bundle.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/contracts/') },
    },
  },
});
