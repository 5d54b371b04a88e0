import { Brackets, type EntityManager } from 'typeorm';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { loadByIds } from '../db/load-by-ids';
import { Member } from './member.entity';

/** Members: lookups and lists. Loyalty fields and writes arrive with the loyalty core. */
export class MembersService {
  /** Members for the given ids, in the same order; null where none exists. */
  byIds(em: EntityManager, ids: readonly (number | string)[]): Promise<Member[]> {
    return loadByIds(em, Member, ids);
  }

  /** A page of members by id; `search` matches the start of email or external id, or any part of the name. */
  page(em: EntityManager, page: PageRequest, search?: string | null): Promise<Member[]> {
    const term = search?.trim().toLowerCase();
    return keysetPage(em, Member, page, (qb, m) => {
      if (!term) return;
      const prefix = `${escapeLike(term)}%`;
      const contains = `%${escapeLike(term)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`${m}.email LIKE :prefix`, { prefix })
            .orWhere(`${m}.externalId LIKE :prefix`, { prefix })
            .orWhere(`LOWER(${m}.name) LIKE :contains`, { contains }),
        ),
      );
    });
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
