import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_KINDS = ['members', 'purchases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One CSV import: its progress is committed with every batch, so the console can follow it and a re-run can resume. */
@Entity('import_jobs')
@Index(['startedAt'])
export class ImportJob {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 20 })
  status: ImportStatus = 'running';

  @Column({ type: 'varchar', length: 200, default: '' })
  fileName: string = '';

  @Column({ type: 'int', nullable: true })
  staffUserId: number | null = null;

  @Column({ type: 'int', nullable: true })
  apiKeyId: number | null = null;

  /** The upload's size when the client said it (Content-Length), for a progress bar. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) } })
  bytesTotal: number | null = null;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  bytesRead: number = 0;

  @Column({ type: 'int', default: 0 })
  rowsRead: number = 0;

  @Column({ type: 'int', default: 0 })
  rowsImported: number = 0;

  /** Rows imported before (the same external id): a re-run skips them. */
  @Column({ type: 'int', default: 0 })
  rowsSkipped: number = 0;

  @Column({ type: 'int', default: 0 })
  rowsFailed: number = 0;

  /** The last line whose batch is committed: a resumed run starts after it. */
  @Column({ type: 'int', default: 0 })
  lastLine: number = 0;

  /** Why the whole file failed (a bad header, a broken file), or what is happening now. */
  @Column({ type: 'varchar', length: 500, default: '' })
  message: string = '';

  @Column({ type: 'datetime' })
  startedAt: Date;

  @Column({ type: 'datetime' })
  updatedAt: Date;

  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;
}
