import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { BackendServiceConfig, ToInt, loadConfig } from '@shop/platform/config';

export class CartConfig extends BackendServiceConfig {
  /** Catalog, asked for a product's name and price when it is put in a cart. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  readonly CATALOG_URL: string = 'http://localhost:3002';
  @ToInt() @IsInt() @Min(100) @Max(30_000) readonly CATALOG_TIMEOUT_MS: number = 2_000;
  /** Orders, where checkout places the order. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  readonly ORDERS_URL: string = 'http://localhost:3004';
  @ToInt() @IsInt() @Min(100) @Max(30_000) readonly ORDERS_TIMEOUT_MS: number = 5_000;
}

/** The only place cart reads `process.env`. */
export function loadCartConfig(env: Record<string, string | undefined> = process.env): CartConfig {
  return loadConfig(CartConfig, env);
}
