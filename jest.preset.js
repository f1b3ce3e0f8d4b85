// Shared jest settings: TypeScript through ts-jest (transpile only; `npm run typecheck` checks
// types), workspace libs resolved from tsconfig paths. Packages published as ES modules only
// (NestJS 12, jose 6, cockatiel 4) load through require(esm), which jest supports only with
// NODE_OPTIONS=--experimental-vm-modules: the npm test scripts set it; so must a direct `npx jest`.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Nest, TypeORM and class-validator decorators read type metadata, as main.ts provides.
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
