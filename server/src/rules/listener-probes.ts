import type { EntityManager } from 'typeorm';
import type { FlowEvent } from '@patron/schema/flow';
import type { Program } from '../programs/program.entity';
import { rowsOf } from '../db/statement';

/**
 * What a listener needs to exist before it has anything to do, as an SQL condition: the
 * rules service asks every listener's probe in one statement after the campaigns ran and
 * calls only the listeners whose probe holds. The condition must be necessary (when it is
 * false, the listener would have done nothing), it need not be sufficient. A probe answers
 * `false` to skip the listener without asking (an event it does not follow), `null` to
 * have it called anyway. Being read in the event's transaction, it needs no invalidation.
 */
export type ListenerProbe = (program: Program, memberId: number, event: FlowEvent) => { sql: string; params: (string | number)[] } | false | null;

/** Which listeners have something to do for this event: every probe, in one statement. */
export async function probeListeners(em: EntityManager, listeners: readonly { probe?: ListenerProbe }[], program: Program, memberId: number, event: FlowEvent): Promise<boolean[]> {
  const answers = listeners.map(({ probe }) => (probe ? probe(program, memberId, event) : null));
  const asks = answers.flatMap((answer, index) => (answer ? [{ index, ...answer }] : []));
  const wanted = answers.map((answer) => answer !== false);
  if (asks.length === 0) return wanted;
  const [row] = await rowsOf(em, `SELECT ${asks.map((ask, i) => `EXISTS(${ask.sql}) AS p${i}`).join(', ')}`, asks.flatMap((ask) => ask.params));
  // A missing answer runs the listener: a probe may only ever save work, never skip it wrongly.
  asks.forEach((ask, i) => (wanted[ask.index] = Number(row?.[`p${i}`] ?? 1) !== 0));
  return wanted;
}
