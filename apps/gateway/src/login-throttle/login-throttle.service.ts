import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GatewayConfig } from '../config/gateway.config';

/**
 * Counts failed logins per account (normalised email) in a fixed window; past the limit, login
 * attempts for that account get 429 until the window ends. A success clears the count. Other
 * accounts are never affected, so many users logging in at once are never throttled.
 * Counts live in this gateway replica's memory; with N replicas an attacker gets at most N times
 * the limit (a shared store comes with the Helm chart).
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

  /** Seconds until this account may try again, or 0 when it may try now. */
  async retryAfterSeconds(email: string): Promise<number> {
    const state = await this.failures.get(keyOf(email));
    if (!state || state.consumedPoints < this.config.LOGIN_FAILURES_MAX) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async recordFailure(email: string): Promise<void> {
    await this.failures.consume(keyOf(email)).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.delete(keyOf(email));
  }
}

function keyOf(email: string): string {
  return email.trim().toLowerCase();
}
