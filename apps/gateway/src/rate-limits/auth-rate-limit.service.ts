import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GatewayConfig } from '../config/gateway.config';

/**
 * Signups and logins per client address (`AUTH_RATE_LIMIT` per `AUTH_RATE_WINDOW_SECONDS`,
 * together): each costs the accounts service an argon2id hash, so an anonymous client cannot
 * spend its CPU and memory faster than this. Counted before the request is forwarded, whatever
 * its body or outcome. Per gateway replica, like the other limits.
 */
@Injectable()
export class AuthRateLimitService {
  private readonly attempts: RateLimiterMemory;

  constructor(config: GatewayConfig) {
    this.attempts = new RateLimiterMemory({
      keyPrefix: 'auth-attempts',
      points: config.AUTH_RATE_LIMIT,
      duration: config.AUTH_RATE_WINDOW_SECONDS,
    });
  }

  /** Counts one attempt from this address; seconds to wait when over the limit, else 0. */
  async take(address: string): Promise<number> {
    try {
      await this.attempts.consume(address);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw error;
    }
  }
}
