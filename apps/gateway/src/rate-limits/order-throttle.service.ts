import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GatewayConfig } from '../config/gateway.config';

/**
 * Order placements per user per window (default 30 per 10 s: several a second are fine).
 * Per gateway replica, like the login throttle.
 */
@Injectable()
export class OrderThrottleService {
  private readonly placements: RateLimiterMemory;

  constructor(config: GatewayConfig) {
    this.placements = new RateLimiterMemory({
      keyPrefix: 'order-placements',
      points: config.ORDER_RATE_LIMIT,
      duration: config.ORDER_RATE_WINDOW_SECONDS,
    });
  }

  /** Counts one placement; seconds to wait when over the limit, else 0. */
  async take(userId: string): Promise<number> {
    try {
      await this.placements.consume(userId);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw error;
    }
  }
}
