/**
 * The Helm chart's tests (`*.helm-spec.ts`): on manifests rendered by `helm template` from
 * deploy/helm/shop, no cluster. `npm run test:helm` (tools/helm/check.sh) runs them after
 * helm lint and kubeconform; alone: `npx jest -c tools/helm/jest.config.js` once
 * tools/helm/ensure-tools.sh has built helm.
 */
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'helm',
  rootDir: '../..',
  testMatch: ['<rootDir>/tools/helm/src/**/*.helm-spec.ts'],
  testTimeout: 60_000,
};
