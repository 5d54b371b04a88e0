import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TraceStep } from '@patron/schema/flow';

/** Why a campaign did what it did for one event: the nodes it passed and what each saw. */
@Entity('rule_traces')
@Index(['memberId', 'createdAt'])
export class RuleTrace {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  campaignId: number;

  @Column({ type: 'int' })
  campaignVersion: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 20 })
  eventType: string;

  @Column({ type: 'simple-json' })
  steps: TraceStep[];

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
