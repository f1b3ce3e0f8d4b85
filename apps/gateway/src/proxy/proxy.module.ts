import { Module } from '@nestjs/common';
import { LoginThrottleModule } from '../login-throttle/login-throttle.module';
import { GatewayProxy } from './application/gateway-proxy';
import { UpstreamClient } from './application/upstream.client';

@Module({
  imports: [LoginThrottleModule],
  providers: [UpstreamClient, GatewayProxy],
  exports: [UpstreamClient, GatewayProxy],
})
export class ProxyModule {}
