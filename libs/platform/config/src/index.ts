export * from './config-validation.error';
export * from './load-config';
export * from './env-transforms';
export * from './service.config';
