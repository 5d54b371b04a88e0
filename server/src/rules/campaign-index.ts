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
 * Which campaigns are active is kept under the program's listeners version
 * (listeners-version.ts), which every event reads from the database, so that a campaign
 * paused, resumed or published on another server instance counts at once (see
 * two-instances.test.ts). A version is immutable once published, so its rule
 * is kept for good; a campaign that moves to a new version is looked up under the new key.
 */
export class RuleIndex {
  private readonly rules = new Map<number, { version: number; rule: CompiledRule }>();
  /**
   * The runnable list made for a list of campaigns, while that list lives: the lists come
   * from what is kept under the listeners version (runningAt gives the same list back
   * when every campaign runs), so an event between two changes by staff makes none.
   */
  private readonly made = new WeakMap<readonly Campaign[], Runnable[]>();

  constructor(private readonly load: (em: EntityManager, campaign: Campaign, version: number) => Promise<CompiledRule>) {}

  /** The campaigns, in the order given, whose rules have a trigger for this event. Not to be changed: it may be shared. */
  async listening(em: EntityManager, campaigns: readonly Campaign[], event: FlowEvent): Promise<readonly Runnable[]> {
    let runnable = this.made.get(campaigns);
    if (!runnable) {
      runnable = [];
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
      this.made.set(campaigns, runnable);
    }
    return listeningTo(runnable, event);
  }
}

/**
 * The runnable campaigns with a trigger that fires on this event, in their order: the list
 * itself when all of them listen (the common case: campaigns on one trigger), so that an
 * event over a thousand campaigns makes no list of a thousand.
 */
export function listeningTo(runnable: readonly Runnable[], event: FlowEvent): readonly Runnable[] {
  for (let i = 0; i < runnable.length; i++) {
    if (runnable[i].rule.listensTo(event)) continue;
    const listening = runnable.slice(0, i);
    for (let k = i + 1; k < runnable.length; k++) if (runnable[k].rule.listensTo(event)) listening.push(runnable[k]);
    return listening;
  }
  return runnable;
}

/**
 * The campaigns that may run at some time (active or scheduled, with a published version),
 * in run order (priority, then age), the rows and not the draft graph, which can be large;
 * and in the same statement the program's listeners version and the listeners' probes for
 * the event. The time window is applied per event (`runningAt`): what is read here is kept
 * under the version (listeners-version.ts), and a campaign that starts at noon must run from
 * noon without a write to tell anyone.
 */
export async function readListened(em: EntityManager, programId: number, questions: Pick<ListenerQuestions, 'expressions' | 'parameters'>): Promise<{ version: number; campaigns: Campaign[]; probes: unknown[] }> {
  const { head, rows } = await selectRowsWithHead(
    em,
    Campaign,
    {
      where: 'programId = ? AND status IN (?, ?) AND activeVersion IS NOT NULL',
      parameters: [
        ['programId', programId],
        ['status', 'active'],
        ['status', 'scheduled'],
      ],
      exclude: ['draftGraph'],
    },
    ['(SELECT listenersVersion FROM programs WHERE id = ?)', ...questions.expressions],
    [programId, ...questions.parameters],
  );
  return { version: Number(head[0] ?? 0), campaigns: rows.sort(runOrder), probes: head.slice(1) };
}

/** The campaigns of `campaigns` whose time window holds `now`, in the same order: the list itself when all of them run. */
export function runningAt(campaigns: readonly Campaign[], now: Date): readonly Campaign[] {
  const at = now.getTime();
  const runs = (c: Campaign) => (c.startsAt === null || c.startsAt.getTime() <= at) && (c.endsAt === null || c.endsAt.getTime() > at);
  return campaigns.every(runs) ? campaigns : campaigns.filter(runs);
}

/** The campaigns that may run now and the probes, read without the memory in between (tests and tools). */
export async function activeCampaignsWith(
  em: EntityManager,
  programId: number,
  now: Date,
  questions: Pick<ListenerQuestions, 'expressions' | 'parameters'>,
): Promise<{ campaigns: readonly Campaign[]; probes: unknown[] }> {
  const { campaigns, probes } = await readListened(em, programId, questions);
  return { campaigns: runningAt(campaigns, now), probes };
}

/** Priority first (highest), then age (oldest). */
function runOrder(a: Campaign, b: Campaign): number {
  return b.priority - a.priority || a.id - b.id;
}
