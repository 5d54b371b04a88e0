/// <reference types="node" />
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'graphql';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const IMPORT = /^import\s*\{\s*graphql\s*\}\s*from\s*'\.\/generated(?:\/index)?';\s*$/m;
// With persisted documents the object starts with its hash: {"__meta__":{"hash":…},"kind":"Document",…}
const EXPORT = /^export const (\w+) = (\{(?:"__meta__":\{[^}]*\},)?"kind":"Document".*\}) as unknown as DocumentNode<.*$/gm;

/**
 * Puts each `graphql(\`query X …\`)` call's generated document (`XDocument`, or
 * `XFragmentDoc` for a fragment) in place of the call. The client preset's `graphql()`
 * looks documents up in one map of every document in the app, and the generated module
 * holds them all, so either way the member portal would ship the admin console's queries.
 * Inlined, each area's documents live in that area's chunk. The preset's babel plugin
 * does the same, for Vite. Types are unchanged: TypeScript still sees `graphql()`.
 */
export function graphqlDocuments(): Plugin {
  let generated = '';
  let cache: { mtimeMs: number; documents: Map<string, string> } | null = null;

  function documents(): Map<string, string> {
    const { mtimeMs } = statSync(generated);
    if (cache?.mtimeMs !== mtimeMs) {
      const map = new Map<string, string>();
      for (const match of readFileSync(generated, 'utf8').matchAll(EXPORT)) map.set(match[1], match[2]);
      cache = { mtimeMs, documents: map };
    }
    return cache.documents;
  }

  return {
    name: 'patron:graphql-documents',
    enforce: 'pre',
    configResolved(config) {
      generated = resolve(config.root, 'src/graphql/generated/graphql.ts');
    },
    transform(code, id) {
      if (!/\/src\/graphql\/[^/]+\.ts$/.test(id) || !IMPORT.test(code)) return null;
      const available = documents();
      const out = code
        .replace(IMPORT, '')
        .replace(CALL, (_call, source: string) => {
          const definition = parse(source).definitions[0];
          if ((definition.kind !== 'OperationDefinition' && definition.kind !== 'FragmentDefinition') || !definition.name) {
            throw new Error(`${id}: each graphql() document must start with a named operation or fragment`);
          }
          const name = definition.name.value;
          if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
            throw new Error(`${id}: name GraphQL operations and fragments in PascalCase (got "${name}")`);
          }
          const exported = definition.kind === 'OperationDefinition' ? `${name}Document` : `${name}FragmentDoc`;
          const document = available.get(exported);
          if (!document) throw new Error(`${id}: ${exported} is not generated yet; run npm run codegen -w @patron/web`);
          return `/*#__PURE__*/ JSON.parse(${JSON.stringify(document)})`;
        });
      return { code: out, map: null };
    },
  };
}
