export * from './postgres-options';
export * from './run-migrations';
export * from './sql';
export * from './bigint-cents.transformer';
export * from './change-listener';
export * from './transaction';
