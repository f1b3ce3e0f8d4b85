// In-process part of `npm run bench`: the cost of checking an access token, with and without
// TokenVerifier's memory of verified tokens (every authenticated request is checked by the
// gateway and again by the service).
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@shop/contracts';
import { TokenVerifier } from '@shop/platform/auth';
import type { BenchContext } from './context';
import { fmt, ratio, section } from './format';

export async function tokenVerificationMicros(
  verifications: number,
): Promise<{ rs256: number; remembered: number }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const token = await new SignJWT({ email: 'bench@example.com', roles: [] })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setSubject('7d7a3b4e-3c1a-4c55-9d0b-0c4d3f0a9f11')
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);
  const fetchKeys = async () => ({ keys: [jwk] });
  const verifiers = {
    rs256: new TokenVerifier({ jwksUrl: 'unused', fetchKeys, cacheTtlMs: 0 }),
    remembered: new TokenVerifier({ jwksUrl: 'unused', fetchKeys }),
  };
  const time = async (verifier: TokenVerifier) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < verifications; i++) await verifier.verify(token);
    return Number(process.hrtime.bigint() - t0) / 1000 / verifications;
  };
  const samples = { rs256: [] as number[], remembered: [] as number[] };
  for (let round = 0; round < 3; round++) {
    samples.rs256.push(await time(verifiers.rs256));
    samples.remembered.push(await time(verifiers.remembered));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  return { rs256: median(samples.rs256), remembered: median(samples.remembered) };
}

/** In process, before the stack is started: checking one access token, RS256 vs remembered. */
export async function accessTokens(ctx: BenchContext): Promise<string[]> {
  ctx.log('token verification in process: RS256 every time vs remembered');
  const tokens = await tokenVerificationMicros(ctx.quick ? 300 : 2_000);
  return section(
    'Checking access tokens (every authenticated request: once in the gateway, once in the service)',
    ['In process, the same token 2000 times per round, median of 3 interleaved rounds.'],
    [
      '| checking one access token | before | now | ratio |',
      '|---|---|---|---|',
      `| RS256 verification every time → verified tokens remembered (TokenVerifier) | ${fmt(tokens.rs256)} µs | ${fmt(tokens.remembered, 2)} µs | ${ratio(tokens.rs256, tokens.remembered)} |`,
    ],
  );
}
