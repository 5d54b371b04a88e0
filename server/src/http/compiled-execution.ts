import { BREAK, GraphQLError, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema, type Source, type SourceLocation } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** A document's operation that graphql-jit could not compile: it runs on the default executor. */
const NOT_COMPILED = Symbol('not compiled');
/** An operation run once so far, on the default executor. */
const SEEN_ONCE = Symbol('seen once');
type Compiled = CompiledQuery | typeof NOT_COMPILED | typeof SEEN_ONCE;

/**
 * Runs queries and mutations through graphql-jit: each operation of a document is compiled
 * once into a function that resolves its selection without walking the AST on every
 * request (bench/graphql.ts measures it against yoga's executor on a list of members).
 * Everything around the executor stays: validation has run, and the onExecute hooks of the
 * other plugins (metrics, audit, masked errors) wrap this executor as they wrapped yoga's.
 *
 * A compiled function belongs to one document, one schema and one operation of the
 * document (a document may hold several, picked by operationName). @envelop/graphql-jit
 * caches by document alone, so a second request choosing another operation of the same
 * document would run the first one: hence this plugin. Documents come from the operation
 * cache (operation-cache.ts), so the same text gives the same document and the entries
 * live as long as it keeps them. Subscriptions keep the default executor (not hooked here).
 *
 * Compiling costs two to five times what validating costs, so an operation is compiled the
 * second time it runs: clients send the same documents again and again, while a flood of
 * documents each sent once (to burn the server's CPU) gets no more than graphql-js's work.
 */
export function useCompiledExecution(): CompiledExecution {
  const compiledBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Compiled>>>();

  /** The operation's compiled function; null while it runs on the default executor (its first run, or not compilable). */
  function compiledFor(args: ExecutionArgs): CompiledQuery | null {
    let byDocument = compiledBySchema.get(args.schema);
    if (!byDocument) compiledBySchema.set(args.schema, (byDocument = new WeakMap()));
    let byOperation = byDocument.get(args.document);
    if (!byOperation) byDocument.set(args.document, (byOperation = new Map()));
    const operationName = args.operationName ?? '';
    const known = byOperation.get(operationName);
    const next = known === undefined ? SEEN_ONCE : known === SEEN_ONCE ? compile(args) : known;
    if (next !== known) byOperation.set(operationName, next);
    return typeof next === 'symbol' ? null : next;
  }

  const plugin: Plugin = {
    onExecute({ args, setExecuteFn, executeFn }) {
      const compiled = compiledFor(args);
      if (!compiled) return;
      setExecuteFn((executionArgs) => {
        // Another plugin may have swapped the document or schema after this hook: run what it chose.
        if (executionArgs.document !== args.document || executionArgs.schema !== args.schema || executionArgs.operationName !== args.operationName) return executeFn(executionArgs);
        const result = compiled.query(executionArgs.rootValue, executionArgs.contextValue, executionArgs.variableValues);
        // No data: the variables were refused before any resolver ran. graphql-js words that
        // request error and yoga gives it its status (400), so it answers.
        if (!(result instanceof Promise) && !('data' in result)) return executeFn(executionArgs);
        const source = args.document.loc?.source;
        return result instanceof Promise ? result.then((r) => asGraphqlJsResult(r, source)) : asGraphqlJsResult(result, source);
      });
    },
  };

  return {
    plugin,
    compiled(schema, document, operationName) {
      const known = compiledBySchema.get(schema)?.get(document)?.get(operationName ?? '');
      return known === undefined || typeof known === 'symbol' ? null : known;
    },
  };
}

export interface CompiledExecution {
  plugin: Plugin;
  /** An operation's compiled function if the plugin has compiled it (at its second run), without compiling it; else null. */
  compiled(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null;
}

/** Not compiled (an unknown operation, say): the default executor answers with its own error. */
function compile(args: ExecutionArgs): CompiledQuery | typeof NOT_COMPILED {
  if (aliasesPrototype(args.document)) return NOT_COMPILED;
  const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
  return isCompiledQuery(result) ? result : NOT_COMPILED;
}

/**
 * Whether a field is aliased `__proto__`: graphql-jit writes results into plain objects,
 * where that key sets the prototype instead of a property (graphql-js uses objects
 * without one), so such a document keeps the default executor.
 */
function aliasesPrototype(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (field.alias?.value !== '__proto__') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * A result with errors as graphql-js gives it: errors first, each a GraphQLError with the
 * positions of its fields in the source. graphql-jit's errors carry only line and column,
 * which yoga's serializer drops (it rebuilds errors from their nodes or positions).
 */
export function asGraphqlJsResult(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map(
    (error) =>
      new GraphQLError(error.message, {
        source,
        positions: source && error.locations ? error.locations.map((location) => offsetOf(source.body, location)) : undefined,
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions,
      }),
  );
  const { data, extensions } = result;
  return extensions === undefined ? { errors, data } : { errors, data, extensions };
}

/** The offset in a source of a 1-based line and column (what graphql-js's getLocation computes backwards). */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const found = lineBreak.exec(body);
    if (!found) break;
    offset = found.index + found[0].length;
  }
  return offset + column - 1;
}
