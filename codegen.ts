import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations for the web portal from the committed schema (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/portal/src/**/*.tsx', 'apps/portal/src/**/*.ts', '!apps/portal/src/gql/**'],
  generates: {
    'apps/portal/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
  ignoreNoDocuments: false,
};
export default config;
