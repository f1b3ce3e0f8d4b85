/**
 * End-to-end: black-box tests against the composed system (deploy/compose) brought up once per
 * run by testcontainers' DockerComposeEnvironment. Only the gateway's public API is used.
 */
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'e2e',
  rootDir: '../..',
  testMatch: [
    '<rootDir>/tests/e2e/src/**/*.e2e-spec.ts',
    '<rootDir>/tools/load/src/**/*.e2e-spec.ts',
    // the chaos suite's fault injector, on a stack of its own (the global one is left alone)
    '<rootDir>/tools/chaos/src/**/*.e2e-spec.ts',
    // the SBOM of each built image
    '<rootDir>/tools/sbom/**/*.e2e-spec.ts',
    // the guided labs (network, isolation) on the suite's stack
    '<rootDir>/tools/labs/**/*.e2e-spec.ts',
  ],
  globalSetup: '<rootDir>/tests/e2e/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/e2e/src/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
