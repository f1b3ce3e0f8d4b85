import { Module } from '@nestjs/common';
import { AuthRateLimitService } from './auth-rate-limit.service';
import { LoginThrottleService } from './login-throttle.service';
import { OrderThrottleService } from './order-throttle.service';

/** The gateway's limits: signups and logins per address, failed logins, order placements. */
@Module({
  providers: [AuthRateLimitService, LoginThrottleService, OrderThrottleService],
  exports: [AuthRateLimitService, LoginThrottleService, OrderThrottleService],
})
export class RateLimitsModule {}
