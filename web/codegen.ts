import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the server's printed schema: every operation the client sends is a graphql() call in src/,
// and src/gql/ (generated, not committed) gives each its result and variable types.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
