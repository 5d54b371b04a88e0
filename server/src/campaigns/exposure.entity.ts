import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The first time a member met an A/B split: the denominator of every experiment result. */
@Entity('experiment_exposures')
@Index(['campaignId', 'experimentKey', 'memberId'], { unique: true })
export class Exposure {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  campaignId: number;

  @Column({ type: 'int' })
  campaignVersion: number;

  @Column({ type: 'varchar', length: 64 })
  experimentKey: string;

  @Column({ type: 'varchar', length: 32 })
  variant: string;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'datetime' })
  exposedAt: Date = new Date();
}
