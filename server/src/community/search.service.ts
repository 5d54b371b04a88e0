import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { excerptOf } from './markdown';

export interface SearchHit {
  postId: number;
  topicId: number;
}

/** Words of a query, for a match that needs them all as prefixes; operators typed by the user are dropped. */
export function searchTerms(query: string): string[] {
  return [...new Set((query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2))].slice(0, 8).map((w) => w.slice(0, 40));
}

/**
 * Full-text search over topic titles and posts, one service for both dialects: MySQL and
 * MariaDB search InnoDB FULLTEXT indexes that follow the tables by themselves; SQLite an
 * FTS5 table that this service keeps (a post's text and its topic's title, by post id).
 * Hidden, deleted and archived content is never returned.
 */
export class CommunitySearchService {
  async index(em: EntityManager, post: { id: number; topicId: number; cooked: string }, title: string): Promise<void> {
    if (dialectOf(em.connection) !== 'sqlite') return;
    await em.query('DELETE FROM community_search WHERE rowid = ?', [post.id]);
    await em.query('INSERT INTO community_search (rowid, title, body, topicId) VALUES (?, ?, ?, ?)', [post.id, title, excerptOf(post.cooked, 100_000), post.topicId]);
  }

  async remove(em: EntityManager, postIds: number[]): Promise<void> {
    if (dialectOf(em.connection) !== 'sqlite' || !postIds.length) return;
    await em.query(`DELETE FROM community_search WHERE rowid IN (${postIds.map(() => '?').join(', ')})`, postIds);
  }

  /** A topic renamed or its posts moved: the title and topic stored beside each post follow. */
  async retopic(em: EntityManager, postIds: number[], topicId: number, title: string): Promise<void> {
    if (dialectOf(em.connection) !== 'sqlite' || !postIds.length) return;
    await em.query(`UPDATE community_search SET title = ?, topicId = ? WHERE rowid IN (${postIds.map(() => '?').join(', ')})`, [title, topicId, ...postIds]);
  }

  async retitle(em: EntityManager, topicId: number, title: string): Promise<void> {
    if (dialectOf(em.connection) !== 'sqlite') return;
    await em.query('UPDATE community_search SET title = ? WHERE topicId = ?', [title, topicId]);
  }

  /** Best matches first; each post once, at most `limit`. */
  async search(em: EntityManager, query: string, limit: number, programId: number): Promise<SearchHit[]> {
    const terms = searchTerms(query);
    if (!terms.length) return [];
    const visible = `p.hidden = 0 AND p.deletedAt IS NULL AND t.hidden = 0 AND t.archived = 0 AND c.programId = ?`;
    if (dialectOf(em.connection) === 'sqlite') {
      const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
      const rows: { postId: number; topicId: number }[] = await em.query(
        `SELECT s.rowid AS postId, p.topicId AS topicId FROM community_search s
           INNER JOIN community_posts p ON p.id = s.rowid INNER JOIN community_topics t ON t.id = p.topicId INNER JOIN community_categories c ON c.id = t.categoryId
          WHERE community_search MATCH ? AND ${visible} ORDER BY bm25(community_search, 3.0, 1.0) LIMIT ?`,
        [match, programId, limit],
      );
      return rows.map((r) => ({ postId: Number(r.postId), topicId: Number(r.topicId) }));
    }
    // InnoDB ignores words shorter than its minimum token size (3): requiring them would match nothing.
    const against = terms.filter((t) => t.length >= 3).map((t) => `+${t}*`).join(' ') || terms.map((t) => `${t}*`).join(' ');
    const rows: { postId: number; topicId: number }[] = await em.query(
      `SELECT p.id AS postId, p.topicId AS topicId FROM community_posts p
         INNER JOIN community_topics t ON t.id = p.topicId INNER JOIN community_categories c ON c.id = t.categoryId
        WHERE (MATCH(p.raw) AGAINST (? IN BOOLEAN MODE) OR MATCH(t.title) AGAINST (? IN BOOLEAN MODE)) AND ${visible}
        ORDER BY 3 * MATCH(t.title) AGAINST (? IN BOOLEAN MODE) + MATCH(p.raw) AGAINST (? IN BOOLEAN MODE) DESC, p.id DESC LIMIT ?`,
      [against, against, programId, against, against, limit],
    );
    return rows.map((r) => ({ postId: Number(r.postId), topicId: Number(r.topicId) }));
  }
}
