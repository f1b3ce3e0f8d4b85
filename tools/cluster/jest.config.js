/**
 * The cluster suite (`npm run test:cluster`): against a real Docker Swarm cluster of Docker-in-
 * Docker nodes on this machine (tools/cluster/cluster.sh), brought up by the global setup (fast
 * when it is already up) and taken down by the global teardown unless SHOP_SWARM_KEEP=1.
 * Files run one at a time, in the order of their names: each leaves the cluster as it found it
 * (all nodes up, every service converged), except that a node killed and started again is empty.
 */
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'cluster',
  rootDir: '../..',
  testMatch: ['<rootDir>/tools/cluster/src/**/*.cluster-spec.ts'],
  testSequencer: '<rootDir>/tools/cluster/src/support/by-name.sequencer.js',
  globalSetup: '<rootDir>/tools/cluster/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/tools/cluster/src/support/global-teardown.ts',
  testTimeout: 600_000,
  maxWorkers: 1,
};
