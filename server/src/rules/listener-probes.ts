import type { Program } from '../programs/program.entity';
import type { UpdateMatters } from './listeners-version';

/**
 * What a listener needs to exist before it has anything to do, as an SQL condition over
 * the program: the rules read every listener's probe in the statement that reads the
 * campaigns, and call only the listeners whose probe holds. The condition must be necessary
 * (when it is false, the listener would have done nothing), it need not be sufficient: a
 * pending referral somewhere in the program lets the listener look for the member's own.
 *
 * The answer is kept in memory with the campaigns, under the program's listeners version
 * (listeners-version.ts), so a probe names the entities its condition reads (`reads`): any
 * write to them moves the version, unless `matters` says an update cannot turn the answer
 * from false to true. It depends on the program and the event type only, never on the
 * member, and must not depend on what a campaign's effects write (none of today's do: a
 * pending referral, an active offer or challenge, a webhook subscription are never a
 * campaign's doing). `ask` answers `false` to skip the listener without asking (an event it
 * does not follow), `null` to have it called anyway.
 */
export interface ListenerProbe {
  reads: { entity: unknown; matters?: UpdateMatters }[];
  ask(program: Program, eventType: string): { sql: string; params: (string | number)[] } | false | null;
}

/** The probes to read for an event, and the answer for each listener once their values are in. */
export interface ListenerQuestions {
  /** One EXISTS expression per probe to read, and their values in order. */
  expressions: readonly string[];
  parameters: readonly (string | number)[];
  /** Which listeners have something to do, from the probes' values in `expressions` order. */
  wanted(values: readonly unknown[]): boolean[];
}

export function listenerQuestions(listeners: readonly { probe?: ListenerProbe }[], program: Program, eventType: string): ListenerQuestions {
  const answers = listeners.map(({ probe }) => (probe ? probe.ask(program, eventType) : null));
  const asks = answers.flatMap((answer, index) => (answer ? [{ index, ...answer }] : []));
  return {
    expressions: asks.map((ask) => `EXISTS(${ask.sql})`),
    parameters: asks.flatMap((ask) => ask.params),
    wanted(values) {
      const wanted = answers.map((answer) => answer !== false);
      // A missing answer runs the listener: a probe may only ever save work, never skip it wrongly.
      asks.forEach((ask, i) => (wanted[ask.index] = Number(values[i] ?? 1) !== 0));
      return wanted;
    },
  };
}
