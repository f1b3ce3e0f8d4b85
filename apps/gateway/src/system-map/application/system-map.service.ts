import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { request } from 'undici';
import {
  SERVICE_NAMES,
  type CircuitStateName,
  type ServiceName,
  type SystemSnapshot,
} from '@shop/contracts';
import { resolveAllAddresses } from '@shop/platform/http-client';
import { GatewayConfig } from '../../config/gateway.config';
import { UpstreamClient } from '../../proxy/application/upstream.client';
import { parsePrometheusText } from '../domain/prometheus-text';
import { SystemMapAssembler, type Readiness, type ReplicaScrape } from '../domain/system-snapshot';

const CIRCUIT_NAMES: readonly CircuitStateName[] = ['closed', 'open', 'half-open', 'isolated'];

/**
 * The system as the gateway sees it over the compose network, no Docker socket needed: every
 * replica of every service (each address the service's name resolves to), asked for its
 * readiness and its metrics, plus the gateway's own circuit breakers. One round a second at
 * most, and only while someone looks (a snapshot younger than a second is shared), so an
 * unwatched map costs nothing.
 */
@Injectable()
export class SystemMapService implements OnApplicationShutdown {
  private readonly logger = new Logger(SystemMapService.name);
  private readonly assembler = new SystemMapAssembler(`gateway/${hostname()}`);
  private latest: { at: number; snapshot: Promise<SystemSnapshot>; done: boolean } | undefined;
  private closed = false;

  constructor(
    private readonly config: GatewayConfig,
    private readonly upstreams: UpstreamClient,
  ) {}

  /**
   * The current snapshot: at most a second old, or the round under way (rounds never overlap:
   * on a slow system they come less often rather than pile up). `newerThan`, the `at` of the
   * snapshot a caller already has (a stream, once a second): never that one again, a new round
   * instead. (A stream's tick can come a millisecond less than a second after the round its last
   * tick started, and it sent the same snapshot twice.)
   */
  snapshot(newerThan?: string): Promise<SystemSnapshot> {
    const now = Date.now();
    const seen = newerThan === undefined ? undefined : Date.parse(newerThan);
    if (
      this.latest &&
      (!this.latest.done || (now - this.latest.at < 1_000 && this.latest.at !== seen))
    )
      return this.latest.snapshot;
    const round: { at: number; done: boolean; snapshot: Promise<SystemSnapshot> } = {
      at: now,
      done: false,
      snapshot: this.collect(now)
        .catch((error: Error) => {
          this.logger.warn(`system map round failed: ${error.message}`);
          throw error;
        })
        .finally(() => (round.done = true)),
    };
    this.latest = round;
    return round.snapshot;
  }

  private async collect(at: number): Promise<SystemSnapshot> {
    const urls = this.config.upstreams();
    const scrapes = (
      await Promise.all(
        SERVICE_NAMES.map(async (service) => {
          const url = new URL(urls[service]);
          const addresses = await this.resolve(url.hostname);
          return Promise.all(addresses.map((address) => this.scrape(service, url, address)));
        }),
      )
    ).flat();
    const circuits = Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, CIRCUIT_NAMES[this.upstreams.circuitOf(s)] ?? 'closed']),
    ) as Record<ServiceName, CircuitStateName>;
    return this.assembler.snapshot(at, scrapes, circuits, SERVICE_NAMES);
  }

  private async scrape(service: ServiceName, url: URL, address: string): Promise<ReplicaScrape> {
    const base = `${url.protocol}//${address}:${url.port || 80}`;
    const [health, metrics] = await Promise.all([
      this.get(`${base}/health/ready`),
      this.get(`${base}/metrics`),
    ]);
    let readiness: Readiness | undefined;
    try {
      readiness = health ? (JSON.parse(health.body) as Readiness) : undefined;
    } catch {
      readiness = undefined;
    }
    return {
      service,
      address,
      servedBy: health?.servedBy ?? metrics?.servedBy,
      ready: health ? health.status === 200 : undefined,
      readiness,
      metrics: metrics?.status === 200 ? parsePrometheusText(metrics.body) : undefined,
    };
  }

  /**
   * Every address of a service's name, or none if DNS does not answer within the timeout (a
   * name with no container behind it goes on to the host's resolvers, which may be slow).
   */
  private async resolve(name: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), this.config.SYSTEM_MAP_TIMEOUT_MS);
    });
    try {
      return await Promise.race([resolveAllAddresses(name).catch(() => []), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One GET to one replica, the whole of it (connect, headers, body) bounded by the timeout;
   * undefined when it does not answer in time. Connecting to a replica killed a moment ago gets
   * no refusal (its address is simply gone), and undici's own connect timeout is 10 s: without
   * this bound one round, and so the map's stream, stalled that long.
   */
  private async get(
    url: string,
  ): Promise<{ status: number; body: string; servedBy: string | undefined } | undefined> {
    if (this.closed) return undefined;
    try {
      const response = await request(url, {
        signal: AbortSignal.timeout(this.config.SYSTEM_MAP_TIMEOUT_MS),
        headersTimeout: this.config.SYSTEM_MAP_TIMEOUT_MS,
        bodyTimeout: this.config.SYSTEM_MAP_TIMEOUT_MS,
      });
      const served = response.headers['x-served-by'];
      return {
        status: response.statusCode,
        body: await response.body.text(),
        servedBy: typeof served === 'string' ? served : undefined,
      };
    } catch {
      return undefined;
    }
  }

  onApplicationShutdown(): void {
    this.closed = true;
  }
}
