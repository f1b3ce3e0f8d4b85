import {
  SignJWT,
  jwtVerify,
  UnsecuredJWT,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JSONWebKeySet,
} from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@shop/contracts';
import { AuthErrorCode } from './auth.exception';
import { bearerToken } from './auth.guard';
import { TokenVerifier } from './token-verifier';

// The real jwtVerify, counted: the cache tests check when a token is really verified.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const verifications = () => (jwtVerify as jest.Mock).mock.calls.length;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwks: { keys: [jwk] } };
}

function token(
  key: SigningKey,
  overrides: {
    iss?: string;
    aud?: string;
    exp?: number | string;
    roles?: unknown;
    alg?: string;
  } = {},
) {
  return new SignJWT({ email: 'ada@example.com', roles: overrides.roles ?? ['admin'] })
    .setProtectedHeader({ alg: overrides.alg ?? 'RS256', kid: key.kid })
    .setSubject('7d7a3b4e-3c1a-4c55-9d0b-0c4d3f0a9f11')
    .setIssuer(overrides.iss ?? TOKEN_ISSUER)
    .setAudience(overrides.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '15m')
    .sign(key.privateKey);
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('TokenVerifier', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await signingKey('k1');
  });

  it('accepts a valid token and returns the caller', async () => {
    const verifier = new TokenVerifier({ jwksUrl: 'unused', fetchKeys: async () => key.jwks });
    await expect(verifier.verify(await token(key))).resolves.toEqual({
      id: '7d7a3b4e-3c1a-4c55-9d0b-0c4d3f0a9f11',
      email: 'ada@example.com',
      roles: ['admin'],
    });
  });

  it('drops unknown roles', async () => {
    const verifier = new TokenVerifier({ jwksUrl: 'unused', fetchKeys: async () => key.jwks });
    await expect(
      verifier.verify(await token(key, { roles: ['admin', 'root'] })),
    ).resolves.toMatchObject({ roles: ['admin'] });
    await expect(verifier.verify(await token(key, { roles: 'admin' }))).resolves.toMatchObject({
      roles: [],
    });
  });

  it.each([
    ['another issuer', { iss: 'evil' }],
    ['another audience', { aud: 'other-app' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }],
  ])('rejects %s', async (_name, overrides) => {
    const verifier = new TokenVerifier({ jwksUrl: 'unused', fetchKeys: async () => key.jwks });
    expect(await code(verifier.verify(await token(key, overrides)))).toBe(AuthErrorCode.Invalid);
  });

  it('rejects alg=none, a tampered payload and a token signed by another key', async () => {
    const verifier = new TokenVerifier({ jwksUrl: 'unused', fetchKeys: async () => key.jwks });
    const unsigned = new UnsecuredJWT({ email: 'x@example.com', roles: ['admin'] })
      .setSubject('someone')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('15m')
      .encode();
    expect(await code(verifier.verify(unsigned))).toBe(AuthErrorCode.Invalid);

    const [header, payload, signature] = (await token(key, { roles: [] })).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        roles: ['admin'],
      }),
    ).toString('base64url');
    expect(await code(verifier.verify(`${header}.${forged}.${signature}`))).toBe(
      AuthErrorCode.Invalid,
    );

    const stranger = await signingKey('k1');
    expect(await code(verifier.verify(await token(stranger)))).toBe(AuthErrorCode.Invalid);
  });

  it('keeps verifying with known keys while the key source is down', async () => {
    let up = true;
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      cooldownMs: 0,
      cacheTtlMs: 0, // verify with the keys every time, not from the cache
      fetchKeys: async () => {
        if (!up) throw new Error('accounts is down');
        return key.jwks;
      },
    });
    const issued = await token(key);
    await verifier.verify(issued);
    up = false;
    await expect(verifier.verify(issued)).resolves.toMatchObject({ email: 'ada@example.com' });
  });

  it('answers "unavailable" when no key was ever fetched', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      fetchKeys: async () => Promise.reject(new Error('down')),
    });
    expect(await code(verifier.verify(await token(key)))).toBe(AuthErrorCode.KeysUnavailable);
  });

  it('picks up a rotated key on first sight of its kid', async () => {
    const rotated = await signingKey('k2');
    let current = key.jwks;
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      cooldownMs: 0,
      fetchKeys: async () => current,
    });
    await verifier.verify(await token(key));
    current = { keys: [...key.jwks.keys, ...rotated.jwks.keys] };
    await expect(verifier.verify(await token(rotated))).resolves.toMatchObject({
      email: 'ada@example.com',
    });
  });
});

describe('TokenVerifier cache of verified tokens', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await signingKey('k1');
  });
  afterEach(() => jest.useRealTimers());

  it('verifies a token once and answers repeats from memory', async () => {
    const verifier = new TokenVerifier({ jwksUrl: 'unused', fetchKeys: async () => key.jwks });
    const issued = await token(key);
    const before = verifications();
    const first = await verifier.verify(issued);
    await expect(verifier.verify(issued)).resolves.toEqual(first);
    await expect(verifier.verify(issued)).resolves.toEqual(first);
    expect(verifications() - before).toBe(1);
  });

  it('does not let a remembered token outlive its expiry or the cache TTL', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      fetchKeys: async () => key.jwks,
      cacheTtlMs: 60_000,
    });
    const shortLived = await token(key, { exp: '2s' });
    const longLived = await token(key, { exp: '1h' });
    await verifier.verify(shortLived);
    await verifier.verify(longLived);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.setSystemTime(Date.now() + 10_000); // past exp + jose's 5 s tolerance
    expect(await code(verifier.verify(shortLived))).toBe(AuthErrorCode.Invalid);
    const before = verifications();
    await verifier.verify(longLived); // within the TTL: from memory
    expect(verifications() - before).toBe(0);
    jest.setSystemTime(Date.now() + 61_000); // past the TTL: verified again
    await verifier.verify(longLived);
    expect(verifications() - before).toBe(1);
  });

  it('forgets every remembered token when the keys change (a withdrawn key stops working)', async () => {
    const replacement = await signingKey('k2');
    let current = key.jwks;
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      cooldownMs: 0,
      fetchKeys: async () => current,
    });
    const old = await token(key);
    await verifier.verify(old);
    current = replacement.jwks; // k1 withdrawn
    await verifier.verify(await token(replacement)); // unknown kid: keys fetched again
    expect(await code(verifier.verify(old))).toBe(AuthErrorCode.Invalid);
  });

  it('keeps at most cacheMaxEntries tokens, dropping the oldest', async () => {
    const verifier = new TokenVerifier({
      jwksUrl: 'unused',
      fetchKeys: async () => key.jwks,
      cacheMaxEntries: 2,
    });
    const [a, b, c] = [
      await token(key),
      await token(key, { roles: [] }),
      await token(key, { exp: '2h' }),
    ];
    for (const t of [a, b, c]) await verifier.verify(t);
    const before = verifications();
    await verifier.verify(c);
    await verifier.verify(b);
    expect(verifications() - before).toBe(0);
    await verifier.verify(a); // dropped: verified again
    expect(verifications() - before).toBe(1);
  });
});

describe('bearerToken', () => {
  it('extracts a JWT from the header and treats a malformed header as invalid', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(() => bearerToken('Basic dXNlcjpwdw==')).toThrow(
      expect.objectContaining({ code: AuthErrorCode.Invalid }),
    );
    expect(() => bearerToken('Bearer not a token')).toThrow(
      expect.objectContaining({ code: AuthErrorCode.Invalid }),
    );
  });
});
