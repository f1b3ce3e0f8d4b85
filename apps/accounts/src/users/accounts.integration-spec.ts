import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ErrorResponse, LoginResult, MeView, UserView } from '@shop/contracts';
import { TokenVerifier } from '@shop/platform/auth';
import { migrateDatabase } from '@shop/platform/persistence';
import { queryDatabase, serviceEnv, type TestDatabase } from '@shop/testing';
import { request, startServiceApp } from '@shop/platform/service-kit/testing';
import { AppModule } from '../app.module';
import { loadAccountsConfig, type AccountsConfig } from '../config/accounts.config';
import { accountsDataSourceOptions } from '../database/data-source';

const ADMIN = { email: 'Admin@Example.com', password: 'admin-password-1' };

describe('accounts (real Postgres + Kafka)', () => {
  let app: NestFastifyApplication;
  let replica: NestFastifyApplication;
  let config: AccountsConfig;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    const prepared = await serviceEnv('accounts');
    database = prepared.database;
    env = prepared.env;
    config = loadAccountsConfig({
      ...prepared.env,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    await migrateDatabase(accountsDataSourceOptions(config), () => undefined);
    // Two replicas on one database, started together, as `--scale accounts=2` would.
    [{ app }, { app: replica }] = await Promise.all([
      startServiceApp('accounts', AppModule.register(config), config),
      startServiceApp('accounts', AppModule.register(config), config),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await replica?.close();
  });

  const unique = () => `user-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;

  async function signup(email = unique(), password = 'long-enough-password') {
    const response = await request<UserView>(app, 'POST', '/signup', {
      body: { email, password, name: 'Test User' },
    });
    return { response, email, password };
  }

  async function login(email: string, password: string, on = app) {
    return request<LoginResult>(on, 'POST', '/login', { body: { email, password } });
  }

  it('signs up, logs in and tells the caller who they are', async () => {
    const { response, email, password } = await signup();
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['createdAt', 'email', 'id', 'name']);
    expect(response.body.email).toBe(email);

    const session = await login(email.toUpperCase(), password);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
    });

    const me = await request<MeView>(app, 'GET', '/me', { token: session.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: response.body.id, email, name: 'Test User', roles: [] });
  });

  it('stores only an argon2id hash of the password', async () => {
    const { email, password } = await signup();
    const rows = await queryDatabase<{ password_hash: string }>(
      database,
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(password);
  });

  it('answers a taken email with 409, also when signups race', async () => {
    const email = unique();
    const results = await Promise.all([1, 2, 3, 4].map(() => signup(email)));
    expect(results.map((r) => r.response.status).sort()).toEqual([201, 409, 409, 409]);
    const again = await signup(email.toUpperCase());
    expect(again.response.status).toBe(409);
    expect((again.response.body as unknown as ErrorResponse).code).toBe('EMAIL_TAKEN');
  });

  it('answers wrong password and unknown email alike with 401', async () => {
    const { email } = await signup();
    const wrong = await login(email, 'not-the-password');
    const unknown = await login(unique(), 'whatever-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long-enough', name: 'n' }, 'email'],
    [{ email: 'a@example.com', password: 'short', name: 'n' }, 'password'],
    [{ email: 'a@example.com', password: 'x'.repeat(129), name: 'n' }, 'password'],
    [{ email: 'a@example.com', password: 'long-enough', name: '' }, 'name'],
    [{ email: 'a@example.com', password: 'long-enough', name: 'x'.repeat(101) }, 'name'],
    [{ email: 'a@example.com', password: 'long-enough', name: 'n', roles: ['admin'] }, 'roles'],
  ])('answers a bad signup with 400 naming the field (%#)', async (body, field) => {
    const response = await request<ErrorResponse>(app, 'POST', '/signup', { body });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(field);
  });

  it('seeds the admin account with the admin role', async () => {
    const session = await login(ADMIN.email, ADMIN.password);
    expect(session.status).toBe(200);
    const me = await request<MeView>(app, 'GET', '/me', { token: session.body.accessToken });
    expect(me.body.roles).toEqual(['admin']);
  });

  it('requires a valid token for /me', async () => {
    expect((await request(app, 'GET', '/me')).status).toBe(401);
    expect((await request(app, 'GET', '/me', { token: 'a.b.c' })).status).toBe(401);
  });

  it('replicas share one signing key: a token from one is accepted by the other and by the JWKS', async () => {
    const { email, password } = await signup();
    const session = await login(email, password, replica);
    expect(
      (await request<MeView>(app, 'GET', '/me', { token: session.body.accessToken })).status,
    ).toBe(200);

    const jwks = await request<{ keys: { kid: string; alg: string; d?: string }[] }>(
      app,
      'GET',
      '/.well-known/jwks.json',
    );
    const replicaJwks = await request(replica, 'GET', '/.well-known/jwks.json');
    expect(jwks.body).toEqual(replicaJwks.body);
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();

    // What every other service does: verify against the published keys.
    const verifier = new TokenVerifier({
      jwksUrl: 'n/a',
      fetchKeys: async () => jwks.body as never,
    });
    await expect(verifier.verify(session.body.accessToken)).resolves.toMatchObject({ email });
  });

  describe('admin seeding when ADMIN_EMAIL already has an account', () => {
    /** Starts one more replica on the same database with another admin setting. */
    async function startWithAdmin(email: string, password: string) {
      const seeded = loadAccountsConfig({
        ...env,
        ADMIN_EMAIL: email,
        ADMIN_PASSWORD: password,
      });
      return (await startServiceApp('accounts', AppModule.register(seeded), seeded)).app;
    }

    async function rolesOf(email: string, password: string): Promise<string[]> {
      const session = await login(email, password);
      expect(session.status).toBe(200);
      const me = await request<MeView>(app, 'GET', '/me', { token: session.body.accessToken });
      return me.body.roles;
    }

    it('does not promote an account that signed up first with another password, says why, and keeps starting', async () => {
      const { email, password, response } = await signup();
      expect(response.status).toBe(201);
      const adminPassword = 'the-real-admin-password';
      const errors = jest.spyOn(Logger.prototype, 'error');
      let seeded: NestFastifyApplication | undefined;
      try {
        seeded = await startWithAdmin(email, adminPassword);
        // Started: it answers requests.
        expect((await login(email, password, seeded)).status).toBe(200);
        const logged = errors.mock.calls.map((call) => String(call[0])).join('\n');
        expect(logged).toContain(email);
        expect(logged).toMatch(/not (been )?promoted/);
        expect(logged).not.toContain(adminPassword);
        expect(logged).not.toContain(password);
      } finally {
        errors.mockRestore();
        await seeded?.close();
      }
      expect(await rolesOf(email, password)).toEqual([]);
      // Nor does the admin password open that account.
      expect((await login(email, adminPassword)).status).toBe(401);
    });

    it('promotes an existing account whose password is ADMIN_PASSWORD', async () => {
      const { email, password, response } = await signup();
      expect(response.status).toBe(201);
      expect(await rolesOf(email, password)).toEqual([]);
      const seeded = await startWithAdmin(email, password);
      await seeded.close();
      expect(await rolesOf(email, password)).toEqual(['admin']);
    });
  });
});
