import { compileGraph, type Evaluation } from '../compile';
import type { Effect } from '../definition';
import type { FlowEvent, MemberFacts } from '../events';
import type { FlowGraph } from '../graph';
import type { ValidateOptions } from '../validate';
import cases from './cases.json';

/**
 * Golden cases for the rules runtime: `[name, graph, event, facts, expected]`, where
 * expected is `{ effects }` (and optionally the trace's `path` of node ids) for a graph
 * that compiles, or `{ diagnostics: ["code@nodeId"] }` for one that does not. The server
 * tests and the editor's simulation tests run this same file.
 */
export type GoldenExpected = { effects: Effect[]; path?: string[] } | { diagnostics: string[] };
export type GoldenCase = [name: string, graph: FlowGraph, event: FlowEvent, facts: MemberFacts, expected: GoldenExpected];

export interface GoldenFile {
  version: number;
  options: { timezone: string; pointValueMinor: number; domains: 'all' | string[]; references?: ValidateOptions['references'] };
  cases: GoldenCase[];
}

export const golden = cases as unknown as GoldenFile;

export interface GoldenOutcome {
  effects?: Effect[];
  path?: string[];
  diagnostics?: string[];
}

/** Runs one case the way the server does: compile with the file's options, then evaluate. */
export function runGoldenCase(file: GoldenFile, [, graph, event, facts]: GoldenCase): GoldenOutcome {
  const domains = file.options.domains === 'all' ? 'all' : new Set(file.options.domains);
  const { rule, diagnostics } = compileGraph(graph, { domains: domains as ValidateOptions['domains'], references: file.options.references });
  if (!rule) return { diagnostics: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}${d.nodeId ? `@${d.nodeId}` : ''}`) };
  const result: Evaluation = rule.evaluate(event, facts, file.options);
  return { effects: result.effects, path: result.trace.filter((s) => s.port !== null || s.note).map((s) => s.nodeId) };
}
