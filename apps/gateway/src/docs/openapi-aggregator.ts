import { Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SERVICE_NAMES, type ServiceName } from '@shop/contracts';
import { GatewayConfig } from '../config/gateway.config';
import { UpstreamClient } from '../proxy/application/upstream.client';
import { addOperationLinks } from './operation-links';
import { ERROR_RESPONSE_SCHEMA, prefixServiceDocument } from './prefix-service-document';

/**
 * The public OpenAPI (`/api/docs`, `/api/docs-json`): the gateway's own routes plus every
 * service's document, fetched from the service and re-rooted under `/api/<service>`. A service
 * that is down is left out until it answers again.
 */
@Injectable()
export class OpenApiAggregator {
  private readonly logger = new Logger(OpenApiAggregator.name);
  private cached: { at: number; document: OpenAPIObject } | undefined;

  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly config: GatewayConfig,
  ) {}

  async document(own: OpenAPIObject): Promise<OpenAPIObject> {
    if (this.cached && Date.now() - this.cached.at < this.config.DOCS_CACHE_MS)
      return this.cached.document;
    const parts = await Promise.all(SERVICE_NAMES.map((service) => this.fetch(service)));
    const merged: OpenAPIObject = structuredClone(own);
    merged.paths ??= {};
    merged.components ??= {};
    merged.components.schemas ??= {};
    merged.components.schemas['ErrorResponse'] = structuredClone(ERROR_RESPONSE_SCHEMA) as never;
    for (const part of parts) {
      if (!part) continue;
      Object.assign(merged.paths, part.paths);
      Object.assign(merged.components.schemas, part.components?.schemas ?? {});
    }
    addOperationLinks(merged);
    if (parts.every(Boolean)) this.cached = { at: Date.now(), document: merged };
    return merged;
  }

  private async fetch(service: ServiceName): Promise<OpenAPIObject | null> {
    try {
      const response = await this.upstreams.probe(service, {
        method: 'GET',
        path: '/docs-json',
        headers: { accept: 'application/json' },
        timeoutMs: this.config.HEALTH_TIMEOUT_MS,
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        return null;
      }
      return prefixServiceDocument(service, (await response.body.json()) as OpenAPIObject);
    } catch (error) {
      this.logger.warn(`OpenAPI of ${service} left out: ${(error as Error).message}`);
      return null;
    }
  }
}
