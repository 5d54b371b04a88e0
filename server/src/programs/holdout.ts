import { pickVariant } from '@patron/schema/flow';
import type { Program } from './program.entity';

/** Whether a member is in the program's holdout: a stable hash, the same on every server and every day. */
export function inHoldout(program: Pick<Program, 'id' | 'holdoutPercent'>, memberId: number): boolean {
  if (program.holdoutPercent <= 0) return false;
  return pickVariant(`holdout:${program.id}`, String(memberId), [{ key: 'holdout', weight: program.holdoutPercent }, { key: 'treated', weight: 100 - program.holdoutPercent }]) === 'holdout';
}
