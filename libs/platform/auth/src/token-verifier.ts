import { Logger } from '@nestjs/common';
import {
  createLocalJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { ROLES, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type Role } from '@shop/contracts';
import { AuthException } from './auth.exception';
import type { AuthenticatedUser } from './authenticated-user';

export interface TokenVerifierOptions {
  /** Accounts' JWKS endpoint, e.g. http://accounts:3000/.well-known/jwks.json */
  readonly jwksUrl: string;
  /** Background refresh period of the key set. */
  readonly refreshMs?: number;
  /** Shortest time between two fetches triggered by an unknown key id. */
  readonly cooldownMs?: number;
  readonly fetchTimeoutMs?: number;
  /** Source of the key set; tests pass one, services fetch it over HTTP. */
  readonly fetchKeys?: () => Promise<JSONWebKeySet>;
  /** How long a verified token is remembered (never past its expiry); 0 turns the cache off. */
  readonly cacheTtlMs?: number;
  readonly cacheMaxEntries?: number;
}

interface Verified {
  readonly user: AuthenticatedUser;
  /** Epoch ms after which the token must be verified again. */
  readonly until: number;
}

/**
 * Verifies access tokens against accounts' public keys: RS256 only, issuer, audience and expiry
 * checked. Keys are cached and refreshed in the background; a failed refresh keeps the keys
 * already known, so issued tokens keep working while accounts is down.
 *
 * A token that verified is remembered for a short while (60 s by default, never past its
 * expiry), keyed by its exact text: the same bytes verify the same way, and an RS256 check is
 * the biggest single CPU cost of an authenticated request (BENCHMARKS.md). New keys empty it.
 */
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private keys: JWTVerifyGetKey | undefined;
  private lastFetchAt = 0;
  private inflight: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Verified tokens, oldest first (a Map keeps insertion order). */
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly options: TokenVerifierOptions) {}

  /** Starts the background refresh (first fetch now, without waiting for it). */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 300_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.until) return known.user;
    if (known) this.verified.delete(token);
    if (!this.keys && !(await this.refresh())) throw AuthException.keysUnavailable();
    try {
      return this.remember(token, await this.verifyWithCurrentKeys(token));
    } catch (error) {
      // A key we have not seen yet (rotation): refresh once, within the cooldown, and retry.
      if (
        error instanceof errors.JWKSNoMatchingKey &&
        this.mayRefetch() &&
        (await this.refresh())
      ) {
        return this.verifyWithCurrentKeys(token).then(
          (verified) => this.remember(token, verified),
          (retryError) => this.reject(retryError),
        );
      }
      return this.reject(error);
    }
  }

  private remember(token: string, { user, exp }: { user: AuthenticatedUser; exp: number }) {
    const ttl = this.options.cacheTtlMs ?? 60_000;
    if (ttl <= 0) return user;
    const max = this.options.cacheMaxEntries ?? 5_000;
    while (this.verified.size >= max) {
      const oldest = this.verified.keys().next().value as string;
      this.verified.delete(oldest);
    }
    this.verified.set(token, { user, until: Math.min(Date.now() + ttl, exp * 1000) });
    return user;
  }

  private async verifyWithCurrentKeys(
    token: string,
  ): Promise<{ user: AuthenticatedUser; exp: number }> {
    const { payload } = await jwtVerify(token, this.keys as JWTVerifyGetKey, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
    });
    const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
    if (typeof payload.sub !== 'string' || typeof payload['email'] !== 'string') {
      throw new errors.JWTClaimValidationFailed('sub and email must be strings', payload);
    }
    return {
      user: {
        id: payload.sub,
        email: payload['email'],
        roles: roles.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role)),
      },
      exp: payload.exp as number, // required above
    };
  }

  private reject(error: unknown): never {
    this.logger.debug(`token rejected: ${(error as Error).message}`);
    throw AuthException.invalid();
  }

  private mayRefetch(): boolean {
    return Date.now() - this.lastFetchAt >= (this.options.cooldownMs ?? 30_000);
  }

  /** Fetches the key set; true when the keys were replaced. Concurrent callers share one fetch. */
  private refresh(): Promise<boolean> {
    this.inflight ??= this.fetchKeys()
      .then((jwks) => {
        this.keys = createLocalJWKSet(jwks);
        this.verified.clear(); // a key may have been withdrawn: verify everything again
        return true;
      })
      .catch((error: Error) => {
        this.logger.warn(`could not refresh signing keys from accounts: ${error.message}`);
        return false;
      })
      .finally(() => {
        this.lastFetchAt = Date.now();
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private async fetchKeys(): Promise<JSONWebKeySet> {
    const body = this.options.fetchKeys
      ? await this.options.fetchKeys()
      : await this.fetchOverHttp();
    // An empty set would replace good keys with none; treat it as a failed refresh.
    if (!Array.isArray(body?.keys) || body.keys.length === 0) throw new Error('JWKS has no keys');
    return body;
  }

  private async fetchOverHttp(): Promise<JSONWebKeySet> {
    const response = await fetch(this.options.jwksUrl, {
      signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 2_000),
    });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    return (await response.json()) as JSONWebKeySet;
  }
}
