import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBER_STATUSES = ['active', 'suspended', 'anonymised'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A customer of the brand. Loyalty fields (tier, balances) arrive with the loyalty core. */
@Entity('members')
// With status, the dashboard counts members who joined before a date from the index alone.
@Index(['createdAt', 'status'])
// MySQL/MariaDB: words of the name for members search (member-search.ts); created by the migration.
@Index('IDX_members_name_fulltext', { synchronize: false })
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

  /** E.164, e.g. +79161234567. */
  @Index()
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null = null;

  /** YYYY-MM-DD: a calendar date, not an instant, so no time zone can move it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  birthday: string | null = null;

  /** MM-DD of the birthday, kept beside it so that a day's birthdays are found by index. */
  @Index()
  @Column({ type: 'varchar', length: 5, nullable: true })
  birthdayMonthDay: string | null = null;

  @Column({ type: 'boolean', default: false })
  consentEmail: boolean = false;

  @Column({ type: 'boolean', default: false })
  consentSms: boolean = false;

  @Column({ type: 'datetime', nullable: true })
  consentUpdatedAt: Date | null = null;

  /** The brand's own fields about the member (free-form JSON object). */
  @Column({ type: 'simple-json', nullable: true })
  attributes: Record<string, unknown> | null = null;

  /** The code a member shares to invite friends. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16, nullable: true })
  referralCode: string | null = null;

  /** When the member joined (signed up or was sent by the brand). */
  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
