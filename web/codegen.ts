import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the schema contract. The output is committed so that `vite build`
// needs no codegen step; rerun `npm run codegen -w @patron/web` after editing a document.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,vue}', '!src/graphql/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      // Each document carries its sha256 hash, and persisted-documents.json lists them all:
      // the server accepts the hash alone (and, in GRAPHQL_PERSISTED_OPERATIONS=only, nothing
      // else from browsers). scripts/persisted-operations.mjs copies the list to schema/.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        // enumsAsTypes is how older typescript plugins spelled it; client-preset 6 reads enumType.
        enumsAsTypes: true,
        enumType: 'string-literal',
        useTypeImports: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
