import { BackendServiceConfig, loadConfig } from '@shop/platform/config';

export class CatalogConfig extends BackendServiceConfig {}

/** The only place catalog reads `process.env`. */
export function loadCatalogConfig(
  env: Record<string, string | undefined> = process.env,
): CatalogConfig {
  return loadConfig(CatalogConfig, env);
}
