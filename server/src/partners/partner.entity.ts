import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PARTNER_KINDS = ['cafe', 'gym', 'serviceCentre', 'retail', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_STATUSES = ['active', 'suspended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/**
 * A business in the coalition: it issues the program's points to its customers and takes
 * them as payment. The coalition and the partner settle in money at the rates below:
 * `rateMinor` minor units for every `ratePoints` points (so fractional rates such as
 * 35 kopecks per 100 points stay integers).
 */
@Entity('partners')
@Index(['programId', 'code'], { unique: true })
export class Partner {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PartnerKind;

  @Column({ type: 'varchar', length: 191, nullable: true })
  contactEmail: string | null = null;

  /** A suspended partner's keys are refused; its history stays. */
  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: PartnerStatus = 'active';

  /** What the partner pays the coalition per `ratePoints` points it issues. */
  @Column({ type: 'int', default: 0 })
  issueRateMinor: number = 0;

  /** What the coalition pays the partner per `ratePoints` points redeemed at it. */
  @Column({ type: 'int', default: 0 })
  redeemRateMinor: number = 0;

  @Column({ type: 'int', default: 1 })
  ratePoints: number = 1;

  /** The partner's own earn rate (`earnPoints` per `earnPerMinor`); null = the program's. */
  @Column({ type: 'int', nullable: true })
  earnPoints: number | null = null;

  @Column({ type: 'int', nullable: true })
  earnPerMinor: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
