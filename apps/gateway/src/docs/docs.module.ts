import { Module } from '@nestjs/common';
import { ProxyModule } from '../proxy/proxy.module';
import { OpenApiAggregator } from './openapi-aggregator';

@Module({ imports: [ProxyModule], providers: [OpenApiAggregator], exports: [OpenApiAggregator] })
export class DocsModule {}
