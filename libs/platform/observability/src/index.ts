export * from './logger.module';
export * from './request-id';
export * from './telemetry';
