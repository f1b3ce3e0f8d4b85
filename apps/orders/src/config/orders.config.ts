import { BackendServiceConfig, loadConfig } from '@shop/platform/config';

export class OrdersConfig extends BackendServiceConfig {}

/** The only place orders reads `process.env`. */
export function loadOrdersConfig(
  env: Record<string, string | undefined> = process.env,
): OrdersConfig {
  return loadConfig(OrdersConfig, env);
}
