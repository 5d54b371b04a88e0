import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { ClientInfo } from '../auth/auth.service';
import type { Services } from '../services';

/** What every resolver receives. Created per request by http/yoga.ts. */
export interface Context {
  actor: Actor;
  /** Non-transactional manager; mutations open a transaction with `ctx.transaction`. */
  em: EntityManager;
  dataSource: DataSource;
  services: Services;
  client: ClientInfo;
  /** True when the session came from the browser cookie rather than an Authorization header. */
  sessionFromCookie: boolean;
  /** Sets (or with null, clears) the browser's httpOnly session cookie on the response. */
  setSessionCookie(token: string | null, expiresAt?: Date): void;
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** Reasons for the audit log, by root field (the audit plugin keeps no other argument). */
  auditNotes: Map<string, string>;
}
