import { Module } from '@nestjs/common';
import { UpstreamClient } from './application/upstream.client';

@Module({ providers: [UpstreamClient], exports: [UpstreamClient] })
export class ProxyModule {}
