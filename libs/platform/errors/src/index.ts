export * from './app.exception';
export * from './http-error.filter';
export * from './validation.pipe';
export * from './transient-error';
export * from './backoff';
export * from './domain-error';
