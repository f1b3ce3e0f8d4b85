/** The services behind the gateway, in the order the gateway reports them. */
export const SERVICE_NAMES = ['accounts', 'catalog', 'cart', 'orders', 'payments'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** `GET /api/health` (docs/api.md, "Health"). */
export interface SystemHealth {
  readonly status: 'ok' | 'degraded';
  readonly services: Record<ServiceName, 'up' | 'down'>;
}
