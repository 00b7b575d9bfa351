// Jest runs the TypeScript sources as ES modules (NestJS 12 is ESM-only): see
// ../shared/notes/stack.md. Type checking is `npm run typecheck`, part of `npm test`.
const tsJest = [
  'ts-jest',
  {
    useESM: true,
    tsconfig: { isolatedModules: true, sourceMap: true },
    diagnostics: false,
  },
];

const aliases = {
  '^@anchorlink/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
