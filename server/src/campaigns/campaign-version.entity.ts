import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FlowGraph } from '@patron/schema/flow';

/** A published graph: numbered per campaign and never changed once written. */
@Entity('campaign_versions')
@Index(['campaignId', 'number'], { unique: true })
export class CampaignVersion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  campaignId: number;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'simple-json' })
  graph: FlowGraph;

  @Column({ type: 'varchar', length: 1000, default: '' })
  notes: string = '';

  @Column({ type: 'int', nullable: true })
  authorStaffId: number | null = null;

  @Column({ type: 'datetime' })
  publishedAt: Date = new Date();
}
