import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Defaults are the official images; `deploy/compose/.env` (written by deploy/offline) or the
 * environment may name local stand-ins. Tests and compose read the same settings. */
export const DEFAULT_IMAGES = {
  NODE_IMAGE: 'node:24-trixie-slim',
  POSTGRES_IMAGE: 'postgres:17',
  KAFKA_IMAGE: 'apache/kafka:4.4.0',
} as const;

export type ImageSetting = keyof typeof DEFAULT_IMAGES;

export const WORKSPACE_ROOT = join(__dirname, '../../..');
export const COMPOSE_DIR = join(WORKSPACE_ROOT, 'deploy/compose');

export function readComposeEnvFile(path = join(COMPOSE_DIR, '.env')): Record<string, string> {
  if (!existsSync(path)) return {};
  const entries: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) entries[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return entries;
}

export function imageFor(setting: ImageSetting): string {
  return process.env[setting] || readComposeEnvFile()[setting] || DEFAULT_IMAGES[setting];
}
