// Shared jest settings: TypeScript through ts-jest (transpile only; `npm run typecheck` checks
// types), workspace libs resolved from tsconfig paths.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const ESM_ONLY = ['jose', 'cockatiel'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Nest, TypeORM and class-validator decorators read type metadata, as main.ts provides.
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // Packages published as ES modules only (jose 6, cockatiel 4): see the transform.
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: '<rootDir>/tools/jest/esm-to-commonjs.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
