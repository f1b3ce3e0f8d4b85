/**
 * Who calls whom over HTTP: the architecture (../shared/design/architecture.md, README "The
 * edge"), written down here independently of the chart, and cross-checked against the *_URL
 * settings of deploy/compose/docker-compose.yml by the tests.
 * - the gateway routes /api/<service> to every service (and takes accounts' JWKS from it);
 * - every backend but accounts verifies tokens with accounts' JWKS (AUTH_JWKS_URL);
 * - cart asks catalog for names and prices and places the order with orders at checkout;
 * - the gateway forwards GET/HEAD of `/` and every other non-/api path to the storefront
 *   (STOREFRONT_URL), which calls nothing: only the gateway reaches it, and it reaches nothing.
 */
export const SERVICES = [
  'gateway',
  'accounts',
  'catalog',
  'cart',
  'orders',
  'payments',
  'storefront',
] as const;
export type ServiceName = (typeof SERVICES)[number];
/** The services that own a database and use Kafka (and migrate before serving). */
export const BACKENDS: readonly ServiceName[] = [
  'accounts',
  'catalog',
  'cart',
  'orders',
  'payments',
];
/**
 * The NestJS services (libs/platform): the gateway and the backends. The storefront is a static
 * file server (apps/storefront/server/serve.mjs): its image's own command, PORT only, no /tmp,
 * no egress at all (not even DNS).
 */
export const PLATFORM_SERVICES: readonly ServiceName[] = ['gateway', ...BACKENDS];
export const STATIC_SERVICES: readonly ServiceName[] = ['storefront'];

export const CALLS: readonly (readonly [ServiceName, ServiceName])[] = [
  ['gateway', 'accounts'],
  ['gateway', 'catalog'],
  ['gateway', 'cart'],
  ['gateway', 'orders'],
  ['gateway', 'payments'],
  ['catalog', 'accounts'],
  ['cart', 'accounts'],
  ['orders', 'accounts'],
  ['payments', 'accounts'],
  ['cart', 'catalog'],
  ['cart', 'orders'],
  ['gateway', 'storefront'],
];

export const PORTS: Record<ServiceName, number> = {
  gateway: 8080,
  accounts: 3000,
  catalog: 3000,
  cart: 3000,
  orders: 3000,
  payments: 3000,
  storefront: 3000,
};
