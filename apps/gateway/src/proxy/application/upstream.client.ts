import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent, errors, request, type Dispatcher } from 'undici';
import type { ServiceName } from '@shop/contracts';
import { GatewayConfig } from '../../config/gateway.config';
import { UpstreamException } from './upstream.exception';

export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body?: Buffer;
  /** Overrides the configured timeout for response headers. */
  readonly timeoutMs?: number;
}

export interface UpstreamResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
}

/** HTTP to the services: keep-alive connections, bounded waits, failures as 503 exceptions. */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly agent = new Agent({
    connections: 128,
    keepAliveTimeout: 10_000,
    connect: { timeout: 2_000 },
  });
  private readonly baseUrls: Record<ServiceName, string>;

  constructor(private readonly config: GatewayConfig) {
    this.baseUrls = config.upstreams();
  }

  async send(service: ServiceName, req: UpstreamRequest): Promise<UpstreamResponse> {
    const timeout = req.timeoutMs ?? this.config.UPSTREAM_TIMEOUT_MS;
    try {
      const response = await request(new URL(req.path, this.baseUrls[service]), {
        dispatcher: this.agent,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        headersTimeout: timeout,
        bodyTimeout: 0,
        signal: AbortSignal.timeout(timeout + 100),
      });
      return { statusCode: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (error instanceof errors.HeadersTimeoutError || (error as Error).name === 'TimeoutError') {
        throw UpstreamException.timeout(service);
      }
      throw UpstreamException.unavailable(service);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
