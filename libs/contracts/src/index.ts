export * from './events/event-envelope';
export * from './events/topics';
export * from './api/error-response';
export * from './api/catalog';
export * from './api/health';
export * from './api/accounts';
export * from './api/cart';
