import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FlowGraph } from '@patron/schema/flow';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'active', 'paused', 'ended', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const STACKING = ['stackable', 'exclusive'] as const;
export type Stacking = (typeof STACKING)[number];

/**
 * A reward rule a marketer draws. The draft graph is editable; publishing freezes it as
 * a numbered, immutable version, and the active version is what runs on events.
 */
@Entity('campaigns')
@Index(['programId', 'status'])
export class Campaign {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string = '';

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: CampaignStatus = 'draft';

  @Column({ type: 'datetime', nullable: true })
  startsAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  endsAt: Date | null = null;

  /** Higher runs first when several campaigns listen to one event. */
  @Column({ type: 'int', default: 0 })
  priority: number = 0;

  /** An exclusive campaign that gives anything stops the ones after it. */
  @Column({ type: 'varchar', length: 20, default: 'stackable' })
  stacking: Stacking = 'stackable';

  /** Total points the campaign may give; null for no limit. */
  @Column({ type: 'int', nullable: true })
  budgetPoints: number | null = null;

  /** Points given so far (guarded: never above the budget). */
  @Column({ type: 'int', default: 0 })
  spentPoints: number = 0;

  /** Only members of this segment (when the segments domain lands). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  audienceSegment: string | null = null;

  @Column({ type: 'simple-json' })
  draftGraph: FlowGraph = { nodes: [], edges: [] };

  /** Bumped on every draft save: a second tab editing the same draft can tell. */
  @Column({ type: 'int', default: 1 })
  draftRevision: number = 1;

  @Column({ type: 'int', nullable: true })
  activeVersion: number | null = null;

  @Column({ type: 'int', nullable: true })
  createdByStaffId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
