import { IsBoolean, IsInt, IsUrl, Max, Min } from 'class-validator';
import { HttpServiceConfig, ToBoolean, ToInt, loadConfig } from '@shop/platform/config';
import type { ServiceName } from '@shop/contracts';

const url = () =>
  IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true });

export class GatewayConfig extends HttpServiceConfig {
  override readonly PORT: number = 8080;
  @url() readonly ACCOUNTS_URL: string = 'http://localhost:3001';
  @url() readonly CATALOG_URL: string = 'http://localhost:3002';
  @url() readonly CART_URL: string = 'http://localhost:3003';
  @url() readonly ORDERS_URL: string = 'http://localhost:3004';
  @url() readonly PAYMENTS_URL: string = 'http://localhost:3005';
  /** The storefront's static files (apps/storefront), served at `/` and every non-API path. */
  @url() readonly STOREFRONT_URL: string = 'http://localhost:3006';
  /** Longest wait for an upstream's response headers before answering 503. */
  @ToInt() @IsInt() @Min(100) @Max(60_000) readonly UPSTREAM_TIMEOUT_MS: number = 5_000;
  /** Largest request body the gateway accepts; more is a 413 (docs/api.md, "The edge"). */
  @ToInt() @IsInt() @Min(1_024) @Max(10_485_760) readonly BODY_LIMIT_BYTES: number = 65_536;
  /** Consecutive failures of one service that open its circuit, and how long it stays open. */
  @ToInt() @IsInt() @Min(1) @Max(1_000) readonly BREAKER_FAILURES: number = 5;
  @ToInt() @IsInt() @Min(100) @Max(600_000) readonly BREAKER_OPEN_MS: number = 3_000;
  /** Longest wait for one service's readiness in `GET /api/health`. */
  @ToInt() @IsInt() @Min(100) @Max(10_000) readonly HEALTH_TIMEOUT_MS: number = 1_500;
  /**
   * `GET /api/system` and `/api/system/events` for anyone (true), or for admins only (false, the
   * default; compose sets true for local use). docs/api.md, "Storefront and system map".
   */
  @ToBoolean() @IsBoolean() readonly SYSTEM_MAP_PUBLIC: boolean = false;
  /**
   * Longest wait for one replica's readiness or metrics in a system map round: a replica that
   * does not answer in time is shown down (its readiness checks its database and Kafka, which
   * takes a few hundred milliseconds on a busy machine).
   */
  @ToInt() @IsInt() @Min(100) @Max(10_000) readonly SYSTEM_MAP_TIMEOUT_MS: number = 2_000;
  /** How long the aggregated OpenAPI document is reused before asking the services again. */
  @ToInt() @IsInt() @Min(0) @Max(3_600_000) readonly DOCS_CACHE_MS: number = 30_000;

  /**
   * Signups and logins per client address within the window, together (each costs an argon2id
   * hash in accounts), before 429.
   */
  @ToInt() @IsInt() @Min(1) @Max(1_000_000) readonly AUTH_RATE_LIMIT: number = 120;
  @ToInt() @IsInt() @Min(1) @Max(86_400) readonly AUTH_RATE_WINDOW_SECONDS: number = 60;

  /**
   * Failed logins allowed per account and client address within the window before 429 (other
   * accounts, and the same account from other addresses, unaffected).
   */
  @ToInt() @IsInt() @Min(1) @Max(10_000) readonly LOGIN_FAILURES_MAX: number = 10;
  @ToInt() @IsInt() @Min(1) @Max(86_400) readonly LOGIN_FAILURES_WINDOW_SECONDS: number = 300;

  /** Orders one user may place per window (POST /api/orders and /api/cart/checkout) before 429. */
  @ToInt() @IsInt() @Min(1) @Max(100_000) readonly ORDER_RATE_LIMIT: number = 30;
  @ToInt() @IsInt() @Min(1) @Max(3_600) readonly ORDER_RATE_WINDOW_SECONDS: number = 10;

  upstreams(): Record<ServiceName, string> {
    return {
      accounts: this.ACCOUNTS_URL,
      catalog: this.CATALOG_URL,
      cart: this.CART_URL,
      orders: this.ORDERS_URL,
      payments: this.PAYMENTS_URL,
    };
  }
}

/** The only place the gateway reads `process.env`. */
export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  return loadConfig(GatewayConfig, env);
}
