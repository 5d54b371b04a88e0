import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A row the import refused, with the line and the reason, for the downloadable error report. */
@Entity('import_errors')
@Index(['jobId', 'line'])
export class ImportError {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  jobId: number;

  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'varchar', length: 64, default: '' })
  column: string = '';

  @Column({ type: 'varchar', length: 300 })
  message: string;
}
