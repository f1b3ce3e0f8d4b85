import { Module } from '@nestjs/common';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { GatewayProxy } from './application/gateway-proxy';
import { UpstreamClient } from './application/upstream.client';

@Module({
  imports: [RateLimitsModule],
  providers: [UpstreamClient, GatewayProxy],
  exports: [UpstreamClient, GatewayProxy],
})
export class ProxyModule {}
