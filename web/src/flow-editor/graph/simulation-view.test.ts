import { describe, expect, it } from 'vitest';
import { compileGraph, validateGraph, type Effect, type FlowEvent, type FlowGraph, type MemberFacts, type ValidateOptions } from '@patron/schema/flow';
// The same golden file the server's rules tests run (schema/src/flow/golden).
import golden from '../../../../schema/src/flow/golden/cases.json';
import { diagnosticsByNode, editorDiagnostics } from './diagnostics';
import { readEffects, readTrace, simulationEdgeClasses, simulationView } from './simulation-view';

type Expected = { effects: Effect[]; path?: string[] } | { diagnostics: string[] };
type Case = [string, FlowGraph, FlowEvent, MemberFacts, Expected];
const file = golden as unknown as { options: { timezone: string; pointValueMinor: number; domains: 'all'; references?: ValidateOptions['references'] }; cases: Case[] };
const runnable = file.cases.filter((c): c is [string, FlowGraph, FlowEvent, MemberFacts, { effects: Effect[]; path: string[] }] => 'path' in c[4]);
const failing = file.cases.filter((c) => 'diagnostics' in c[4]);

/** What the server sends back from simulateCampaign, produced here by the same compiler. */
function simulate(graph: FlowGraph, event: FlowEvent, facts: MemberFacts) {
  const { rule } = compileGraph(graph, { domains: 'all', references: file.options.references });
  const result = rule!.evaluate(event, facts, file.options);
  // Through JSON, as the GraphQL JSON scalar delivers it.
  return JSON.parse(JSON.stringify(result)) as { trace: unknown; effects: unknown };
}

describe('simulation mapped onto the canvas (golden cases)', () => {
  it('has golden cases to run', () => {
    expect(runnable.length).toBeGreaterThan(30);
  });

  it.each(runnable)('%s: lights up exactly the expected path', (_name, graph, event, facts, expected) => {
    const answer = simulate(graph, event, facts);
    const view = simulationView(graph, readTrace(answer.trace), readEffects(answer.effects));
    expect(new Set(view.nodes.keys())).toEqual(new Set(expected.path));
    // Each lit edge leaves a passed node by the port it took and reaches a passed node.
    for (const edge of graph.edges) {
      const from = view.nodes.get(edge.source);
      const lit = !!from && from.step.port === edge.sourcePort && view.nodes.has(edge.target);
      expect(view.edges.has(edge.id), `${edge.id}`).toBe(lit);
    }
    // The effects sit on the nodes that produced them.
    const shown = [...view.nodes.entries()].flatMap(([nodeId, v]) => v.effects.map((e) => ({ nodeId, type: e.type })));
    expect(shown.sort((a, b) => a.nodeId.localeCompare(b.nodeId))).toEqual(expected.effects.map((e) => ({ nodeId: e.nodeId, type: e.type })).sort((a, b) => a.nodeId.localeCompare(b.nodeId)));
    expect([...simulationEdgeClasses(view).values()].every((c) => c === 'flow-edge--visited')).toBe(true);
  });

  it('shows the branch not taken as not taken: a false condition lights its "false" edge only', () => {
    const [, graph, event, facts] = runnable.find(([name]) => name === 'amount gt 100000 on 100000 → false')!;
    const answer = simulate(graph, event, facts);
    const view = simulationView(graph, readTrace(answer.trace), readEffects(answer.effects));
    const lit = graph.edges.filter((e) => view.edges.has(e.id)).map((e) => e.sourcePort);
    expect(lit).toContain('false');
    expect(lit).not.toContain('true');
    expect([...view.nodes.values()].find((v) => v.step.kind === 'condition.amount')?.step.inputs).toMatchObject({ totalMinor: 100_000, op: 'gt', value: 100_000 });
  });

  it.each(failing)('%s: the editor finds the same errors on the same nodes', (_name, graph, _event, _facts, expected) => {
    // The server's last answer carries what the browser cannot know (which tiers exist).
    const server = validateGraph(graph, { domains: 'all', references: file.options.references }).diagnostics;
    const shown = editorDiagnostics(graph, server);
    const found = shown.filter((d) => d.severity === 'error').map((d) => `${d.code}${d.nodeId ? `@${d.nodeId}` : ''}`);
    for (const code of (expected as { diagnostics: string[] }).diagnostics) expect(found).toContain(code);
    const byNode = diagnosticsByNode(shown);
    for (const code of (expected as { diagnostics: string[] }).diagnostics.filter((c) => c.includes('@'))) expect(byNode.has(code.split('@')[1])).toBe(true);
  });

  it('ignores malformed trace and effect entries from the wire', () => {
    expect(readTrace([{ nodeId: 'a', kind: 'x', port: 'out' }, null, { nodeId: 3 }, 'x'])).toHaveLength(1);
    expect(readEffects({})).toEqual([]);
  });
});
