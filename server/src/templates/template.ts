import type { EntityManager } from 'typeorm';
import type { FlowDomain, FlowGraph } from '@patron/schema/flow';
import type { Localized } from '@patron/schema/flow';
import type { Program } from '../programs/program.entity';
import type { ProgramInput } from '../programs/programs.service';
import type { Services } from '../services';

/** What the marketer chooses when applying a template; everything else comes from the template. */
export interface TemplateOptions {
  /** The new program's code. */
  code: string;
  name: string;
  currency: string;
  isDefault: boolean;
  locale: 'ru' | 'en';
}

/**
 * A one-click program: it creates the program, its tiers, rewards and campaigns in one
 * transaction through the domain services, as a marketer would by hand.
 */
export interface ProgramTemplate {
  code: string;
  name: Localized;
  description: Localized;
  /** Domains it uses beyond the core; offered only when the server runs them. */
  requires: readonly FlowDomain[];
  apply(em: EntityManager, services: Services, options: TemplateOptions): Promise<Program>;
}

type Node = FlowGraph['nodes'][number];

/** A node at a column of the canvas (the editor lays out the rest). */
export function node(id: string, kind: string, params: Record<string, unknown>, column: number, row = 0): Node {
  return { id, kind, params, position: { x: column * 280, y: row * 140 } } as Node;
}

/** Edges from [source, port, target] triples. */
export function edges(...links: [string, string, string][]): FlowGraph['edges'] {
  return links.map(([source, sourcePort, target], i) => ({ id: `e${i + 1}`, source, sourcePort, target }));
}

/** A point per rouble, a point worth a rouble, up to half a bill paid in points. */
export const POINT_PER_ROUBLE = { earnPoints: 1, earnPerMinor: 100, pointValueMinor: 100, maxRedeemPercent: 50 } as const;

/** The template's program: the marketer's code, name, currency and default flag, with the template's rules. */
export function createProgram(em: EntityManager, services: Services, options: TemplateOptions, rules: ProgramInput): Promise<Program> {
  return services.programs.create(em, { code: options.code, name: options.name, currency: options.currency, isDefault: options.isDefault, ...rules });
}

/** Creates and publishes a campaign of the template's program. */
export async function publishCampaign(em: EntityManager, services: Services, program: Program, campaign: { name: string; description: string; graph: FlowGraph; priority?: number }, locale: 'ru' | 'en') {
  const created = await services.campaigns.create(em, { ...campaign, programId: program.id }, null);
  await services.campaigns.publish(em, created.id, locale === 'ru' ? 'Создано из шаблона' : 'Created from a template', null);
  return created;
}
