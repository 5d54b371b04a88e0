import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBER_STATUSES = ['active', 'suspended', 'anonymised'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A customer of the brand. Loyalty fields (tier, balances) arrive with the loyalty core. */
@Entity('members')
export class Member {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** The brand's own customer id (CRM, POS); unique when present. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191, nullable: true })
  externalId: string | null = null;

  @Index()
  @Column({ type: 'varchar', length: 191, nullable: true })
  email: string | null = null;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string = '';

  @Column({ type: 'varchar', length: 10, default: 'ru' })
  locale: string = 'ru';

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: MemberStatus = 'active';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
