import { IsInt, Max, Min } from 'class-validator';
import { BackendServiceConfig, ToInt, loadConfig } from '@shop/platform/config';

export class OrdersConfig extends BackendServiceConfig {
  /**
   * How long an order may stay PENDING: past it, it is cancelled with TIMEOUT, its stock released
   * and a later authorization refunded (docs/api.md, "Orders").
   */
  @ToInt() @IsInt() @Min(1) @Max(604_800) readonly ORDER_DEADLINE_SECONDS: number = 900;
  /** How often a replica looks for orders past their deadline. */
  @ToInt() @IsInt() @Min(100) @Max(600_000) readonly ORDER_DEADLINE_SWEEP_MS: number = 5_000;
}

/** The only place orders reads `process.env`. */
export function loadOrdersConfig(
  env: Record<string, string | undefined> = process.env,
): OrdersConfig {
  return loadConfig(OrdersConfig, env);
}
