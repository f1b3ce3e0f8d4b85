import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type Role } from '@shop/contracts';

export interface TestTokenIssuer {
  /** Serve this as the service's AUTH_JWKS_URL. */
  readonly jwksUrl: string;
  token(user?: {
    id?: string;
    email?: string;
    roles?: Role[];
    expiresIn?: string | number;
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stands in for accounts in a service's integration test: a real JWKS over HTTP on loopback
 * and RS256 tokens with the issuer and audience services expect.
 */
export async function startTestTokenIssuer(): Promise<TestTokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token: (user = {}) => signToken(privateKey, kid, user),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function signToken(
  privateKey: CryptoKey | Uint8Array,
  kid: string,
  user: { id?: string; email?: string; roles?: Role[]; expiresIn?: string | number },
): Promise<string> {
  return new SignJWT({
    email: user.email ?? `${randomUUID()}@example.com`,
    roles: user.roles ?? [],
  })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject(user.id ?? randomUUID())
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(user.expiresIn ?? '15m')
    .sign(privateKey);
}
