import { BackendServiceConfig, loadConfig } from '@shop/platform/config';

export class CartConfig extends BackendServiceConfig {}

/** The only place cart reads `process.env`. */
export function loadCartConfig(env: Record<string, string | undefined> = process.env): CartConfig {
  return loadConfig(CartConfig, env);
}
