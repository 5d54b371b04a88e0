import type { CompiledRule, FlowEvent } from '@patron/schema/flow';
import type { EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { selectRowsWithHead } from '../db/find-rows';
import type { ListenerQuestions } from './listener-probes';

/** A campaign that may run, with the rule of its active version. */
export interface Runnable {
  campaign: Campaign;
  rule: CompiledRule;
}

/**
 * The rules of published versions, by campaign and version, and which of them listen to
 * an event: the cheap filter that lets an event touch only the rules that can fire.
 *
 * Which campaigns are active is not cached here: it comes from the database on every
 * event, so that a campaign paused, resumed or published on another server instance counts
 * at once (see two-instances.test.ts). A version is immutable once published, so its rule
 * is kept for good; a campaign that moves to a new version is looked up under the new key.
 */
export class RuleIndex {
  private readonly rules = new Map<number, { version: number; rule: CompiledRule }>();

  constructor(private readonly load: (em: EntityManager, campaign: Campaign, version: number) => Promise<CompiledRule>) {}

  /** The campaigns, in the order given, whose rules have a trigger for this event. */
  async listening(em: EntityManager, campaigns: Campaign[], event: FlowEvent): Promise<Runnable[]> {
    const runnable: Runnable[] = [];
    for (const campaign of campaigns) {
      const version = campaign.activeVersion!;
      const known = this.rules.get(campaign.id);
      let rule: CompiledRule;
      if (known && known.version === version) rule = known.rule;
      else {
        rule = await this.load(em, campaign, version);
        this.rules.set(campaign.id, { version, rule });
      }
      runnable.push({ campaign, rule });
    }
    return listeningTo(runnable, event);
  }
}

/** The runnable campaigns with a trigger that fires on this event, in their order. */
export function listeningTo(runnable: Runnable[], event: FlowEvent): Runnable[] {
  const listening: Runnable[] = [];
  for (const entry of runnable) if (entry.rule.listensTo(event)) listening.push(entry);
  return listening;
}

/**
 * The campaigns that may run now, in run order (priority, then age), the rows and not the
 * draft graph, which can be large; and in the same statement the listeners' probes for the
 * event: every event asks both, and each round trip is a share of a purchase's time.
 */
export async function activeCampaignsWith(
  em: EntityManager,
  programId: number,
  now: Date,
  questions: Pick<ListenerQuestions, 'expressions' | 'parameters'>,
): Promise<{ campaigns: Campaign[]; probes: unknown[] }> {
  const { head, rows } = await selectRowsWithHead(
    em,
    Campaign,
    {
      where: 'programId = ? AND status IN (?, ?) AND activeVersion IS NOT NULL AND (startsAt IS NULL OR startsAt <= ?) AND (endsAt IS NULL OR endsAt > ?)',
      parameters: [
        ['programId', programId],
        ['status', 'active'],
        ['status', 'scheduled'],
        ['startsAt', now],
        ['endsAt', now],
      ],
      exclude: ['draftGraph'],
    },
    questions.expressions,
    questions.parameters,
  );
  return { campaigns: rows.sort(runOrder), probes: head };
}

/** Priority first (highest), then age (oldest). */
function runOrder(a: Campaign, b: Campaign): number {
  return b.priority - a.priority || a.id - b.id;
}
