import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How often a cap node let an effect through, per scope: `member:<id>`,
 * `period:<id>:<start>` or `budget`. Guarded updates keep it within the node's limit
 * under any concurrency.
 */
@Entity('cap_usage')
@Index(['campaignId', 'nodeId', 'scope'], { unique: true })
export class CapUsage {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  campaignId: number;

  @Column({ type: 'varchar', length: 64 })
  nodeId: string;

  @Column({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ type: 'int', default: 0 })
  uses: number = 0;

  @Column({ type: 'int', default: 0 })
  points: number = 0;
}
