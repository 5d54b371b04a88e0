import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Points spent at checkout (the automatic write-off at the till). */
@Entity('redemptions')
export class Redemption {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Index()
  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'int' })
  points: number;

  /** What the points were worth, in minor units of the program's currency. */
  @Column({ type: 'int' })
  valueMinor: number;

  @Column({ type: 'varchar', length: 191, nullable: true })
  purchaseExternalId: string | null = null;

  @Column({ type: 'int' })
  entryId: number;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
