/** Unit tests: pure logic, no I/O (`*.spec.ts`). */
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: [
    '<rootDir>/{apps,libs}/**/*.spec.ts',
    '<rootDir>/tools/load/**/*.spec.ts',
    '<rootDir>/tools/bench/**/*.spec.ts',
    '<rootDir>/tools/chaos/**/*.spec.ts',
    '<rootDir>/tools/sbom/**/*.spec.ts',
    '<rootDir>/tools/labs/**/*.spec.ts',
  ],
};
