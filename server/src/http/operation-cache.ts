import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Parse and validation caches, in place of yoga's (`parserAndValidationCache`), which keys
 * its validation cache by the names of the validation rules joined into a string — about
 * thirty `Function.name` reads on every request, a few per cent of a small query's CPU
 * time. Here the rules are told apart by identity: a request with the same rules as the
 * one before (all of them, in a server whose plugins add the same rules every time) reuses
 * its key after comparing the references.
 *
 * Like yoga's: a document by its exact source text (parse errors too), a validation
 * result by schema, rules and parsed document; at most `max` documents, least recently
 * used dropped first (roughly: see Lru). Must come after every plugin that adds a validation rule.
 */
export function useOperationCache({ max = 1024 }: { max?: number } = {}): Plugin {
  const documents = new Lru<string, DocumentNode | Error>(max);
  const validations = new Map<string, WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>>();
  const ruleIds = new WeakMap<ValidationRule, number>();
  let lastRules: readonly ValidationRule[] = [];
  let lastKey = '';
  let nextRuleId = 1;

  const keyOf = (rules: readonly ValidationRule[] | undefined): string => {
    if (!rules || rules.length === 0) return '';
    if (sameRules(rules, lastRules)) return lastKey;
    const key = rules
      .map((rule) => {
        let id = ruleIds.get(rule);
        if (id === undefined) ruleIds.set(rule, (id = nextRuleId++));
        return id;
      })
      .join(',');
    lastRules = [...rules];
    lastKey = key;
    return key;
  };

  return {
    onParse({ params, setParsedDocument }) {
      const source = params.source.toString();
      const cached = documents.get(source);
      if (cached instanceof Error) throw cached;
      if (cached) return setParsedDocument(cached);
      return ({ result }) => {
        if (result != null) documents.set(source, result);
      };
    },
    onValidate({ params: { schema, documentAST, rules }, setResult }) {
      if (schema == null) return undefined;
      const key = keyOf(rules);
      let bySchema = validations.get(key);
      if (!bySchema) validations.set(key, (bySchema = new WeakMap()));
      let byDocument = bySchema.get(schema);
      if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
      const cached = byDocument.get(documentAST);
      if (cached) return setResult(cached);
      return ({ result }) => {
        if (result != null) byDocument.set(documentAST, result as readonly GraphQLError[]);
      };
    },
  };
}

function sameRules(a: readonly ValidationRule[], b: readonly ValidationRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A Map of at most `max` entries that forgets one not used lately (the "second chance" or
 * clock approximation of least recently used): a hit only marks its entry, where a true
 * LRU would move it to the end of the Map, which costs two more hashings of the key.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; used: boolean }>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    this.map.set(key, { value, used: false });
    while (this.map.size > this.max) {
      const [oldestKey, oldest] = this.map.entries().next().value as [K, { value: V; used: boolean }];
      this.map.delete(oldestKey);
      // Used since it was stored: it goes round once more, unmarked.
      if (oldest.used) this.map.set(oldestKey, { value: oldest.value, used: false });
    }
  }
}
