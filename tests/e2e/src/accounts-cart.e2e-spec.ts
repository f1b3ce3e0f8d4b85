import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, importJWK, type JWK } from 'jose';
import {
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type CartView,
  type ErrorResponse,
  type MeView,
  type ProductPage,
  type ProductView,
} from '@shop/contracts';
import { composeExec } from './support/compose';
import { getJson } from './support/gateway';
import { ADMIN, auth, json, login, newShopper } from './support/users';

describe('accounts, admin catalog and cart through the gateway (composed system)', () => {
  it('signs up, logs in and answers /me', async () => {
    const shopper = await newShopper();
    expect(shopper.user).toMatchObject({ email: shopper.email, name: 'Shopper' });
    const me = await getJson<MeView>('/api/accounts/me', auth(shopper.token));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: shopper.user.id,
      email: shopper.email,
      name: 'Shopper',
      roles: [],
    });
  });

  it('answers a taken email with 409 and bad signups with 400 naming the field', async () => {
    const shopper = await newShopper();
    const again = await getJson<ErrorResponse>(
      '/api/accounts/signup',
      json('POST', { email: shopper.email, password: 'whatever-pass', name: 'X' }),
    );
    expect(again.status).toBe(409);
    const bad = await getJson<ErrorResponse>(
      '/api/accounts/signup',
      json('POST', { email: 'x@example.com', password: 'short', name: 'X' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('password');
  });

  it('lets the admin create a product and set its stock; a shopper gets 403', async () => {
    const adminToken = await login(ADMIN.email, ADMIN.password);
    const me = await getJson<MeView>('/api/accounts/me', auth(adminToken));
    expect(me.body.roles).toEqual(['admin']);

    const product = {
      sku: `E2E-${randomUUID().slice(0, 8)}`,
      name: 'E2E Widget',
      description: 'Made by a test',
      category: 'tests',
      priceCents: 1999,
      stock: 7,
    };
    const created = await getJson<ProductView>(
      '/api/catalog/products',
      json('POST', product, adminToken),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...product, currency: 'USD' });

    const restocked = await getJson<ProductView>(
      `/api/catalog/products/${created.body.id}/stock`,
      json('PUT', { stock: 3 }, adminToken),
    );
    expect(restocked.status).toBe(200);
    expect(restocked.body.stock).toBe(3);
    expect(
      (await getJson<ProductView>(`/api/catalog/products/${created.body.id}`)).body.stock,
    ).toBe(3);

    const shopper = await newShopper();
    const forbidden = await getJson<ErrorResponse>(
      '/api/catalog/products',
      json('POST', { ...product, sku: 'E2E-NOPE' }, shopper.token),
    );
    expect(forbidden.status).toBe(403);
    const forbiddenStock = await getJson(
      `/api/catalog/products/${created.body.id}/stock`,
      json('PUT', { stock: 100 }, shopper.token),
    );
    expect(forbiddenStock.status).toBe(403);
    const duplicate = await getJson('/api/catalog/products', json('POST', product, adminToken));
    expect(duplicate.status).toBe(409);
  });

  it('fills and empties a cart with price snapshots and a total', async () => {
    const shopper = await newShopper();
    const empty = await getJson<CartView>('/api/cart', auth(shopper.token));
    expect(empty.body).toEqual({ items: [], totalCents: 0, currency: 'USD' });

    const [a, b] = (await getJson<ProductPage>('/api/catalog/products?limit=2')).body.items;
    await getJson('/api/cart/items/' + a.id, json('PUT', { quantity: 2 }, shopper.token));
    const both = await getJson<CartView>(
      '/api/cart/items/' + b.id,
      json('PUT', { quantity: 1 }, shopper.token),
    );
    expect(both.status).toBe(200);
    expect(both.body.totalCents).toBe(2 * a.priceCents + b.priceCents);
    expect(both.body.items).toEqual([
      { productId: a.id, name: a.name, quantity: 2, unitPriceCents: a.priceCents },
      { productId: b.id, name: b.name, quantity: 1, unitPriceCents: b.priceCents },
    ]);

    const removed = await getJson<CartView>(
      '/api/cart/items/' + a.id,
      auth(shopper.token, 'DELETE'),
    );
    expect(removed.body.items.map((i) => i.productId)).toEqual([b.id]);
    expect(removed.body.totalCents).toBe(b.priceCents);

    const unknown = await getJson(
      '/api/cart/items/' + randomUUID(),
      json('PUT', { quantity: 1 }, shopper.token),
    );
    expect(unknown.status).toBe(404);
    const bad = await getJson<ErrorResponse>(
      '/api/cart/items/' + a.id,
      json('PUT', { quantity: 0 }, shopper.token),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('quantity');

    const other = await newShopper();
    expect((await getJson<CartView>('/api/cart', auth(other.token))).body.items).toEqual([]);
  });

  describe('tokens', () => {
    const protectedRoutes = ['/api/cart', '/api/accounts/me'];

    it('refuses a missing token with 401', async () => {
      for (const path of protectedRoutes) expect((await getJson(path)).status).toBe(401);
    });

    it('refuses a tampered token with 401', async () => {
      const shopper = await newShopper();
      const [header, payload, signature] = shopper.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
        'base64url',
      );
      for (const path of protectedRoutes) {
        expect((await getJson(path, auth(`${header}.${forged}.${signature}`))).status).toBe(401);
      }
    });

    it('refuses alg=none with 401', async () => {
      const shopper = await newShopper();
      const unsigned = new UnsecuredJWT({ email: shopper.email, roles: ['admin'] })
        .setSubject(shopper.user.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('15m')
        .encode();
      for (const path of protectedRoutes)
        expect((await getJson(path, auth(unsigned))).status).toBe(401);
    });

    it('refuses an expired token signed with the real key with 401', async () => {
      const shopper = await newShopper();
      // Read accounts' real signing key from its database, as only an insider could.
      const [kid, jwk] = (
        await composeExec('postgres', [
          'psql',
          '-U',
          'postgres',
          '-d',
          'accounts',
          '-tA',
          '-F',
          '\t',
          '-c',
          'SELECT kid, private_jwk FROM signing_keys ORDER BY created_at DESC LIMIT 1',
        ])
      )
        .trim()
        .split('\t');
      const key = await importJWK(JSON.parse(jwk) as JWK, 'RS256');
      const sign = (exp: number) =>
        new SignJWT({ email: shopper.email, roles: [] })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setSubject(shopper.user.id)
          .setIssuer(TOKEN_ISSUER)
          .setAudience(TOKEN_AUDIENCE)
          .setIssuedAt(exp - 900)
          .setExpirationTime(exp)
          .sign(key);
      const now = Math.floor(Date.now() / 1000);
      // The same key and claims are accepted while valid, so the 401 is for expiry alone.
      expect((await getJson('/api/accounts/me', auth(await sign(now + 600)))).status).toBe(200);
      const expired = await sign(now - 120);
      for (const path of protectedRoutes)
        expect((await getJson(path, auth(expired))).status).toBe(401);
    });
  });

  it('throttles failed logins per account with 429, and only that account', async () => {
    const victim = await newShopper();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await getJson(
            '/api/accounts/login',
            json('POST', { email: victim.email, password: 'wrong-password' }),
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const throttled = await getJson<ErrorResponse>(
      '/api/accounts/login',
      json('POST', { email: victim.email, password: victim.password }),
    );
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(statuses[10]).toBe(429);
    const bystander = await newShopper();
    expect(bystander.token).toBeTruthy();
  });
});
