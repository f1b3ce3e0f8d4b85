/**
 * Integration tests (`*.integration-spec.ts`): each service against a real Postgres and a real
 * Kafka, started once for the whole run by the global setup (testcontainers).
 */
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/integration/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/integration/global-teardown.ts',
  testTimeout: 120_000,
  // One file at a time: the suites share one Kafka, and two apps of the same consumer group
  // (catalog answering another suite's OrderPlaced) would talk across suites.
  maxWorkers: 1,
  // ...each in a fresh worker process (a worker is recycled once over this, i.e. after every
  // file), so a Kafka client still winding down after its file ended dies with it instead of
  // running on into the next file (jest would otherwise run one worker in band).
  workerIdleMemoryLimit: '1MB',
};
