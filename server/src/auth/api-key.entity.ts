import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiKeyScope } from '@patron/schema';

/**
 * A key for a server (POS, storefront, partner). The secret is shown once at creation;
 * only its SHA-256 is kept (the secret is 256 random bits, so a slow hash adds nothing).
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The first characters of the key, shown in lists so staff can tell keys apart. */
  @Column({ type: 'varchar', length: 20 })
  prefix: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'simple-json' })
  scopes: ApiKeyScope[];

  /** Set when the key belongs to a coalition partner (the partners domain binds it). */
  @Column({ type: 'int', nullable: true })
  partnerId: number | null = null;

  @Column({ type: 'int', nullable: true })
  createdByStaffId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
