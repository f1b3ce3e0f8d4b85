import { Injectable } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName, type SystemHealth } from '@shop/contracts';
import { GatewayConfig } from '../config/gateway.config';
import { UpstreamClient } from '../proxy/application/upstream.client';

/** `GET /api/health`: each service's readiness, asked in parallel with a short timeout. */
@Injectable()
export class SystemHealthService {
  constructor(
    private readonly upstreams: UpstreamClient,
    private readonly config: GatewayConfig,
  ) {}

  async check(): Promise<SystemHealth> {
    const states = await Promise.all(SERVICE_NAMES.map((service) => this.isUp(service)));
    const services = Object.fromEntries(
      SERVICE_NAMES.map((service, i) => [service, states[i] ? 'up' : 'down']),
    ) as Record<ServiceName, 'up' | 'down'>;
    return { status: states.every(Boolean) ? 'ok' : 'degraded', services };
  }

  private async isUp(service: ServiceName): Promise<boolean> {
    try {
      const response = await this.upstreams.probe(service, {
        method: 'GET',
        path: '/health/ready',
        headers: {},
        timeoutMs: this.config.HEALTH_TIMEOUT_MS,
      });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }
}
