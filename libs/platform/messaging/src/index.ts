export * from './kafka.options';
export * from './kafka-client.factory';
export * from './kafka.health';
export * from './kafka.module';
export * from './topic-provisioner';
