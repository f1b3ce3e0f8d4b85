export * from './auth.exception';
export * from './auth.guard';
export * from './auth.module';
export * from './authenticated-user';
export * from './token-verifier';
