import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName } from '@shop/contracts';
import {
  InvalidServiceRequestError,
  ServiceClient,
  ServiceUnavailableError,
  type ServiceRequest,
  type ServiceResponse,
} from '@shop/platform/http-client';
import { shopMeter } from '@shop/platform/observability';
import { GatewayConfig } from '../../config/gateway.config';
import { STOREFRONT } from '../domain/public-routes';
import { ProxyException } from './proxy.exception';

/**
 * Resilient clients per service (libs/platform/http ServiceClient): balanced over every
 * replica, bounded waits, retries for idempotent reads only, a circuit breaker each. Users'
 * traffic and the gateway's own probes (`/api/health`) use separate clients, so slow probes
 * (a service waiting on a hung Kafka) never open the circuit that users' requests go through.
 * Failures surface as 503s with a code saying why; a request the client refuses to send is the
 * caller's 400, never the service's failure.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly traffic: Record<ServiceName, ServiceClient>;
  private readonly probes: Record<ServiceName, ServiceClient>;
  /** The storefront's static files: its own client and breaker, apart from the services'. */
  private readonly storefront: ServiceClient;

  constructor(config: GatewayConfig) {
    const urls = config.upstreams();
    const clients = () =>
      Object.fromEntries(
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
    this.traffic = clients();
    this.probes = clients();
    this.storefront = new ServiceClient(STOREFRONT, {
      baseUrl: config.STOREFRONT_URL,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      breakerFailures: config.BREAKER_FAILURES,
      breakerOpenMs: config.BREAKER_OPEN_MS,
    });
    // `shop_circuit_breaker_state{service}`: 0 closed, 1 open, 2 half-open, 3 isolated.
    shopMeter()
      .createObservableGauge('shop_circuit_breaker_state', {
        description: 'Gateway circuit breaker per service (user traffic)',
      })
      .addCallback((result) => {
        for (const service of SERVICE_NAMES)
          result.observe(Number(this.traffic[service].circuit), { service });
      });
  }

  /** A user's request. */
  send(service: ServiceName, req: ServiceRequest): Promise<ServiceResponse> {
    return this.call(this.traffic[service], service, req);
  }

  /** A page or file of the storefront. */
  page(req: ServiceRequest): Promise<ServiceResponse> {
    return this.call(this.storefront, STOREFRONT, req);
  }

  /** The state of the breaker users' requests to `service` go through (cockatiel's CircuitState). */
  circuitOf(service: ServiceName): number {
    return Number(this.traffic[service].circuit);
  }

  /** The gateway's own question (health): its own breaker, never the users'. */
  probe(service: ServiceName, req: ServiceRequest): Promise<ServiceResponse> {
    return this.call(this.probes[service], service, req);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...Object.values(this.traffic), ...Object.values(this.probes), this.storefront].map((c) =>
        c.close(),
      ),
    );
  }

  private async call(
    client: ServiceClient,
    service: ServiceName | typeof STOREFRONT,
    req: ServiceRequest,
  ): Promise<ServiceResponse> {
    try {
      return await client.send(req);
    } catch (error) {
      if (error instanceof ServiceUnavailableError)
        throw ProxyException.from(service, error.reason);
      if (error instanceof InvalidServiceRequestError)
        throw ProxyException.invalidRequest((error.cause as Error).message);
      throw error;
    }
  }
}
