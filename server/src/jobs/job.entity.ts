import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** queued: handed to BullMQ, which runs it. */
export type JobStatus = 'pending' | 'queued' | 'running' | 'done' | 'failed';

/** Work to run later (a flow.wait that ends, a retry). Survives restarts: it lives in the database. */
@Entity('jobs')
@Index(['status', 'runAt'])
export class Job {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'datetime' })
  runAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: JobStatus = 'pending';

  @Column({ type: 'int', default: 0 })
  attempts: number = 0;

  @Column({ type: 'int', default: 5 })
  maxAttempts: number = 5;

  /** The same key is scheduled once. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191, nullable: true })
  uniqueKey: string | null = null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null = null;

  @Column({ type: 'datetime', nullable: true })
  lockedAt: Date | null = null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
