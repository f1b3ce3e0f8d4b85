import nx from '@nx/eslint-plugin';

/**
 * Module boundaries are the architecture, enforced:
 * - an app (a service) depends only on libs, never on another app;
 * - contracts depend on nothing and import no framework;
 * - platform builds on contracts; testing (containers, polling, tokens) only on contracts, so
 *   platform libs' own tests can use it;
 * - the storefront (apps/storefront, a browser app) sees contracts only;
 * - black-box suites (tests/*) and the load tool (tools/load) see contracts and testing helpers
 *   only.
 */
const constraints = (platformMayUse) => [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:testing'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:testing'] },
  // The storefront (a browser app) sees the public API's types and constants only.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['scope:contracts'] },
  {
    sourceTag: 'scope:contracts',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: [
      '@nestjs/*',
      'typeorm',
      'kafkajs',
      'fastify',
      'class-validator',
      'pino',
    ],
  },
  {
    sourceTag: 'scope:platform',
    onlyDependOnLibsWithTags: ['scope:contracts', 'scope:platform', ...platformMayUse],
  },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:contracts'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/webpack.config.js', '.nx'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: constraints([]),
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests of platform libs may use the testing helpers (containers, expectEventually).
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.integration-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: constraints(['scope:testing']),
        },
      ],
    },
  },
];
