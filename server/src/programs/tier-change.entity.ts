import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member's move between tiers, kept as history. */
@Entity('tier_changes')
@Index(['accountId', 'id'])
export class TierChange {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'int', nullable: true })
  fromTierId: number | null = null;

  @Column({ type: 'int', nullable: true })
  toTierId: number | null = null;

  /** upgrade, review (downgrade at review time), manual, or a campaign. */
  @Column({ type: 'varchar', length: 20 })
  reason: string;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
