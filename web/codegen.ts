import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the schema contract. The output is committed so that `vite build`
// needs no codegen step; rerun `npm run codegen -w @patron/web` after editing a document.
const presetConfig = { fragmentMasking: false };
const config = {
  // enumsAsTypes is how older typescript plugins spelled it; client-preset 6 reads enumType.
  enumsAsTypes: true,
  enumType: 'string-literal',
  useTypeImports: true,
  scalars: { DateTime: 'string', JSON: 'unknown' },
};

const codegen: CodegenConfig = {
  schema: '../schema/schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'src/graphql/generated/': { preset: 'client', presetConfig, config, documents: ['src/**/*.{ts,vue}', '!src/graphql/generated/**', '!src/graphql/portal-generated/**'] },
    // The member portal's documents (and sign-in) get a map of their own: the client preset's
    // graphql() keeps every document of its map in the bundle, and the portal's first load must
    // not carry the console's.
    'src/graphql/portal-generated/': { preset: 'client', presetConfig, config, documents: ['src/graphql/auth.ts', 'src/graphql/portal*.ts'] },
  },
};

export default codegen;
