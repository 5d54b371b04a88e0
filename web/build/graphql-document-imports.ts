/// <reference types="node" />
import { dirname, relative, resolve } from 'node:path';
import { parse } from 'graphql';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

/**
 * Replaces each `graphql(\`query X …\`)` call with a direct import of the generated
 * `XDocument` (or `XFragmentDoc`). The client preset's `graphql()` looks documents up in
 * one map of every document in the app, so without this the member portal would ship the
 * admin console's queries too. It is what the preset's babel plugin does, for Vite.
 */
export function graphqlDocumentImports(): Plugin {
  let generated = '';
  return {
    name: 'patron:graphql-document-imports',
    enforce: 'pre',
    configResolved(config) {
      generated = resolve(config.root, 'src/graphql/generated/graphql.ts');
    },
    transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('/generated/') || !code.includes('graphql(`')) return null;
      const names = new Set<string>();
      const out = code.replace(CALL, (_match, source: string) => {
        const definition = parse(source).definitions[0];
        if ((definition.kind !== 'OperationDefinition' && definition.kind !== 'FragmentDefinition') || !definition.name) {
          throw new Error(`${id}: every graphql() document needs a named operation or fragment first`);
        }
        const name = definition.name.value;
        if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
          throw new Error(`${id}: name GraphQL operations in PascalCase (got "${name}") so that generated names match`);
        }
        const exported = definition.kind === 'OperationDefinition' ? `${name}Document` : `${name}FragmentDoc`;
        names.add(exported);
        return exported;
      });
      if (names.size === 0) return null;
      let from = relative(dirname(id), generated).replace(/\\/g, '/').replace(/\.ts$/, '');
      if (!from.startsWith('.')) from = `./${from}`;
      return { code: `import { ${[...names].join(', ')} } from '${from}';\n${out}`, map: null };
    },
  };
}
