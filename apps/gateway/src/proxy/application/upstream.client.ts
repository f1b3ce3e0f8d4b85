import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName } from '@shop/contracts';
import {
  ServiceClient,
  ServiceUnavailableError,
  type ServiceRequest,
  type ServiceResponse,
} from '@shop/platform/http';
import { shopMeter } from '@shop/platform/observability';
import { GatewayConfig } from '../../config/gateway.config';
import { UpstreamException } from './upstream.exception';

/**
 * One resilient client per service (libs/platform/http ServiceClient): balanced over every
 * replica, bounded waits, retries for idempotent reads only, a circuit breaker each. Failures
 * surface as 503s with a code saying why.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly clients: Record<ServiceName, ServiceClient>;

  constructor(config: GatewayConfig) {
    const urls = config.upstreams();
    this.clients = Object.fromEntries(
      SERVICE_NAMES.map((service) => [
        service,
        new ServiceClient(service, {
          baseUrl: urls[service],
          timeoutMs: config.UPSTREAM_TIMEOUT_MS,
          breakerFailures: config.BREAKER_FAILURES,
          breakerOpenMs: config.BREAKER_OPEN_MS,
        }),
      ]),
    ) as Record<ServiceName, ServiceClient>;
    // `shop_circuit_breaker_state{service}`: 0 closed, 1 open, 2 half-open, 3 isolated.
    shopMeter()
      .createObservableGauge('shop_circuit_breaker_state', {
        description: 'Gateway circuit breaker per service',
      })
      .addCallback((result) => {
        for (const service of SERVICE_NAMES)
          result.observe(Number(this.clients[service].circuit), { service });
      });
  }

  async send(service: ServiceName, req: ServiceRequest): Promise<ServiceResponse> {
    try {
      return await this.clients[service].send(req);
    } catch (error) {
      if (error instanceof ServiceUnavailableError)
        throw UpstreamException.from(service, error.reason);
      throw error;
    }
  }

  /** Circuit state per service, for health and metrics. */
  circuits(): Record<ServiceName, string> {
    return Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, String(this.clients[s].circuit)]),
    ) as Record<ServiceName, string>;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((client) => client.close()));
  }
}
