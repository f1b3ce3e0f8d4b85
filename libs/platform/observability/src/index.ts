export * from './http-server-spans';
export * from './logger.module';
export * from './request-context';
export * from './request-id';
export * from './telemetry';
