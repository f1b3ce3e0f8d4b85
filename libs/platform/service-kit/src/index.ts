export * from './create-http-app';
export * from './health.controller';
export * from './health.module';
export * from './run-service';
export * from './backend-service.imports';
export * from './event-stream';
export * from './graceful-close';
