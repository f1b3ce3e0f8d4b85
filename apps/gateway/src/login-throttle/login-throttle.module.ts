import { Module } from '@nestjs/common';
import { LoginThrottleService } from './login-throttle.service';
import { OrderThrottleService } from './order-throttle.service';

@Module({
  providers: [LoginThrottleService, OrderThrottleService],
  exports: [LoginThrottleService, OrderThrottleService],
})
export class LoginThrottleModule {}
