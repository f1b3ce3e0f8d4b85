import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GatewayConfig } from '../config/gateway.config';

/**
 * Counts failed logins per account and client address in a fixed window; past the limit, that
 * address's login attempts for that account get 429 until the window ends. A success clears the
 * count. Keyed by account *and* address, so a client guessing passwords (or trying to lock a user
 * out) never blocks the account's owner logging in from elsewhere, and many users logging in at
 * once are never throttled. Guessing from many addresses is bounded by the per-address limit of
 * AuthRateLimitService. Counts live in this gateway replica's memory; with N replicas an attacker
 * gets at most N times the limit (a shared store comes with the Helm chart).
 */
@Injectable()
export class LoginThrottleService {
  private readonly failures: RateLimiterMemory;

  constructor(private readonly config: GatewayConfig) {
    this.failures = new RateLimiterMemory({
      keyPrefix: 'login-failures',
      points: config.LOGIN_FAILURES_MAX,
      duration: config.LOGIN_FAILURES_WINDOW_SECONDS,
    });
  }

  /** Seconds until this address may try this account again, or 0 when it may try now. */
  async retryAfterSeconds(email: string, address: string): Promise<number> {
    const state = await this.failures.get(keyOf(email, address));
    if (!state || state.consumedPoints < this.config.LOGIN_FAILURES_MAX) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.failures.consume(keyOf(email, address)).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.failures.delete(keyOf(email, address));
  }
}

function keyOf(email: string, address: string): string {
  return `${email.trim().toLowerCase()} ${address}`;
}
