/**
 * Who calls whom over HTTP: the architecture (../shared/design/architecture.md, README "The
 * edge"), written down here independently of the chart, and cross-checked against the *_URL
 * settings of deploy/compose/docker-compose.yml by the tests.
 * - the gateway routes /api/<service> to every service (and takes accounts' JWKS from it);
 * - every backend but accounts verifies tokens with accounts' JWKS (AUTH_JWKS_URL);
 * - cart asks catalog for names and prices and places the order with orders at checkout.
 */
export const SERVICES = ['gateway', 'accounts', 'catalog', 'cart', 'orders', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const BACKENDS: readonly ServiceName[] = SERVICES.filter((s) => s !== 'gateway');

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
];

export const PORTS: Record<ServiceName, number> = {
  gateway: 8080,
  accounts: 3000,
  catalog: 3000,
  cart: 3000,
  orders: 3000,
  payments: 3000,
};
