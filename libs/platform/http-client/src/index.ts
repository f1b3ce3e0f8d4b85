export * from './replica-resolver';
export * from './service-client';
