import { Column, Index } from 'typeorm';

/**
 * The columns of a record an outside system creates with its own id: the id, unique, so
 * that a repeated request lands once, and a hash of the request, to tell a replay from a
 * different request under the same id.
 */
export abstract class IdempotentRecord {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;
}
