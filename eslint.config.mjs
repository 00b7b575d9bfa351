// One configuration for the API, the worker, the libs, the portal, the tests and the benchmarks.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'tmp/**',
      'coverage/**',
      '**/node_modules/**',
      'bench/results/**',
      'apps/portal/src/gql/**',
      'apps/portal/dist/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['codegen.ts', 'scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // A promise is awaited, returned, or explicitly left to run with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // NestJS modules and DTO classes are empty by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON response bodies, typed `any` by supertest and fetch: what they
    // contain is checked by `expect`. Writing `any` is still refused there.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Older tests and benchmarks that still write `any` (mostly `(x: any) => …` over untyped response
    // bodies). No file may join this list; each leaves it once it names the types it reads.
    files: [
      'bench/crash-safety.ts',
      'bench/forecast-publish.ts',
      'bench/perf.ts',
      'bench/scale.ts',
      'bench/scenarios.ts',
      'bench/support.ts',
      'bench/two-instances.ts',
      'bench/worker-crash.ts',
      'test/api-keys.e2e-spec.ts',
      'test/audit-log.e2e-spec.ts',
      'test/database.e2e-spec.ts',
      'test/demo-data.e2e-spec.ts',
      'test/docker.e2e-spec.ts',
      'test/email.e2e-spec.ts',
      'test/forecasts.e2e-spec.ts',
      'test/graphql-limits.e2e-spec.ts',
      'test/graphql-requests.e2e-spec.ts',
      'test/interchange.e2e-spec.ts',
      'test/invitations.e2e-spec.ts',
      'test/orders-loading.e2e-spec.ts',
      'test/orders.e2e-spec.ts',
      'test/partnerships.e2e-spec.ts',
      'test/parts.e2e-spec.ts',
      'test/replication.e2e-spec.ts',
      'test/shipment-numbers.e2e-spec.ts',
      'test/standard-patterns.e2e-spec.ts',
      'test/standards.e2e-spec.ts',
      'test/subscription-sessions.e2e-spec.ts',
      'test/support/orders.ts',
      'test/support/replica-cluster.ts',
      'test/support/subscriptions.ts',
      'test/support/test-app.ts',
      'test/support/webhook-receiver.ts',
      'test/webhooks.e2e-spec.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/portal/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
