// A product for a bench to read or order, created through the gateway as the seeded admin
// (compose's default ADMIN_EMAIL / ADMIN_PASSWORD).
import { randomUUID } from 'node:crypto';
import { call } from '../load/src/http-client';

export async function createBenchProduct(
  gateway: string,
  bench: string,
  stock: number,
): Promise<string> {
  const admin = await call<{ accessToken: string }>(gateway, 'POST', '/api/accounts/login', {
    body: { email: 'admin@example.com', password: 'admin-dev-password' },
  });
  const created = await call<{ id: string }>(gateway, 'POST', '/api/catalog/products', {
    token: admin.body?.accessToken,
    body: {
      sku: `${bench.toUpperCase()}-${randomUUID().slice(0, 8)}`,
      name: `${bench} bench item`,
      description: `Used by the ${bench} bench`,
      category: 'bench',
      priceCents: 500,
      stock,
    },
  });
  if (!created.body?.id) throw new Error(`product creation answered ${created.status}`);
  return created.body.id;
}
