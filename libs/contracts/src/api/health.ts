import type { ServiceName } from '../services';

/** `GET /api/health` (docs/api.md, "Health"). */
export interface SystemHealth {
  readonly status: 'ok' | 'degraded';
  readonly services: Record<ServiceName, 'up' | 'down'>;
}
