export * from './expect-eventually';
export * from './free-port';
export * from './images';
export * from './kafka.container';
export * from './postgres.container';
export * from './integration/test-infra';
export * from './compose/compose-stack';
export * from './test-token-issuer';
