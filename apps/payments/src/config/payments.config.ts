import { BackendServiceConfig, loadConfig } from '@shop/platform/config';

export class PaymentsConfig extends BackendServiceConfig {}

/** The only place payments reads `process.env`. */
export function loadPaymentsConfig(
  env: Record<string, string | undefined> = process.env,
): PaymentsConfig {
  return loadConfig(PaymentsConfig, env);
}
