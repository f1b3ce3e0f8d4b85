import { BackendServiceConfig, loadConfig } from '@shop/platform/config';

export class AccountsConfig extends BackendServiceConfig {}

/** The only place accounts reads `process.env`. */
export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  return loadConfig(AccountsConfig, env);
}
