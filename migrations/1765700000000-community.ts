import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/**
 * The community forum: categories, topics, posts with revisions, reactions and flags,
 * read state, bookmarks, notifications, penalties and forum profiles. Search: a FULLTEXT
 * index on MySQL/MariaDB, an FTS5 table (kept by the service) on SQLite. The audit log
 * gains a note: the reason a moderator gives for a penalty.
 */
export class Community1765700000000 implements MigrationInterface {
  name = 'Community1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'community_categories',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('slug', 64),
          col.varchar('name', 100),
          col.varchar('description', 1000, { default: "''" }),
          col.varchar('color', 7, { default: "'#3b6ea8'" }),
          col.int('position', { default: 0 }),
          col.varchar('kind', 20, { default: "'discussion'" }),
          col.varchar('postPolicy', 10, { default: "'everyone'" }),
          col.int('minTierId', { isNullable: true }),
          col.boolean('archived', false),
          col.int('topicCount', { default: 0 }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'slug'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_topics',
        columns: [
          id(),
          col.int('categoryId'),
          col.varchar('title', 200),
          col.int('authorMemberId', { isNullable: true }),
          col.int('authorStaffId', { isNullable: true }),
          col.boolean('pinned', false),
          col.boolean('closed', false),
          col.boolean('locked', false),
          col.boolean('archived', false),
          col.boolean('hidden', false),
          col.int('views', { default: 0 }),
          col.int('replyCount', { default: 0 }),
          col.int('reactionCount', { default: 0 }),
          col.int('highestPostNumber', { default: 0 }),
          col.int('acceptedPostId', { isNullable: true }),
          col.datetime('lastPostedAt'),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['categoryId', 'lastPostedAt'] }, { columnNames: ['lastPostedAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_posts',
        columns: [
          id(),
          col.int('topicId'),
          col.int('postNumber'),
          col.int('authorMemberId', { isNullable: true }),
          col.int('authorStaffId', { isNullable: true }),
          col.int('replyToPostNumber', { isNullable: true }),
          col.text('raw'),
          col.text('cooked'),
          col.boolean('hidden', false),
          col.varchar('hiddenReason', 20, { isNullable: true }),
          col.datetime('deletedAt', { isNullable: true }),
          col.int('reactionCount', { default: 0 }),
          col.int('version', { default: 1 }),
          col.datetime('editedAt', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['topicId', 'postNumber'], isUnique: true }, { columnNames: ['authorMemberId', 'createdAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_post_revisions',
        columns: [id(), col.int('postId'), col.int('version'), col.text('raw'), col.int('editorMemberId', { isNullable: true }), col.int('editorStaffId', { isNullable: true }), col.datetime('createdAt')],
        indices: [{ columnNames: ['postId', 'version'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_post_actions',
        columns: [
          id(),
          col.int('postId'),
          col.varchar('actorKey', 20),
          col.int('memberId', { isNullable: true }),
          col.int('staffUserId', { isNullable: true }),
          col.varchar('type', 10),
          col.int('weight', { default: 0 }),
          col.varchar('flagReason', 20, { isNullable: true }),
          col.varchar('flagNote', 500, { isNullable: true }),
          col.varchar('status', 10, { isNullable: true }),
          col.int('reviewedBy', { isNullable: true }),
          col.datetime('reviewedAt', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['postId', 'actorKey', 'type'], isUnique: true }, { columnNames: ['type', 'status'] }, { columnNames: ['memberId', 'createdAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_topic_users',
        columns: [id(), col.int('topicId'), col.int('memberId'), col.int('lastReadPostNumber', { default: 0 }), col.varchar('notificationLevel', 10, { default: "'normal'" }), col.datetime('updatedAt')],
        indices: [{ columnNames: ['topicId', 'memberId'], isUnique: true }, { columnNames: ['memberId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_bookmarks',
        columns: [id(), col.int('memberId'), col.int('postId'), col.datetime('createdAt')],
        indices: [{ columnNames: ['memberId', 'postId'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_notifications',
        columns: [
          id(),
          col.int('memberId'),
          col.varchar('type', 12),
          col.int('topicId'),
          col.int('postId', { isNullable: true }),
          col.varchar('actorName', 100, { default: "''" }),
          col.datetime('readAt', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['memberId', 'readAt', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_penalties',
        columns: [id(), col.int('memberId'), col.varchar('kind', 10), col.varchar('reason', 500), col.int('staffUserId'), col.datetime('startsAt'), col.datetime('endsAt'), col.datetime('liftedAt', { isNullable: true })],
        indices: [{ columnNames: ['memberId', 'endsAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'community_profiles',
        columns: [{ name: 'memberId', type: 'integer', isPrimary: true }, col.varchar('username', 30), col.int('postCount', { default: 0 }), col.datetime('createdAt'), col.datetime('updatedAt')],
        indices: [{ columnNames: ['username'], isUnique: true }],
      }),
    );
    await queryRunner.addColumn('audit_entries', new TableColumn(col.varchar('note', 500, { isNullable: true })));
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      // rowid = the post's id; title is the topic's, repeated on each post so one MATCH finds both.
      await queryRunner.query(`CREATE VIRTUAL TABLE community_search USING fts5(title, body, topicId UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`);
    } else {
      await queryRunner.query('CREATE FULLTEXT INDEX `IDX_community_posts_fulltext` ON `community_posts` (`raw`)');
      await queryRunner.query('CREATE FULLTEXT INDEX `IDX_community_topics_fulltext` ON `community_topics` (`title`)');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_entries', 'note');
    if (queryRunner.connection.options.type === 'better-sqlite3') await queryRunner.query('DROP TABLE community_search');
    for (const table of ['community_profiles', 'community_penalties', 'community_notifications', 'community_bookmarks', 'community_topic_users', 'community_post_actions', 'community_post_revisions', 'community_posts', 'community_topics', 'community_categories']) {
      await queryRunner.dropTable(table);
    }
  }
}
