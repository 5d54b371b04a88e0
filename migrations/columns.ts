import type { TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations. Each maps to the same SQL type the entity declares,
 * on SQLite and on MySQL/MariaDB, so that one migration serves both dialects and the
 * schema check (entities vs. migrated database) finds nothing to change.
 */
type Extra = Partial<TableColumnOptions>;

export function id(name = 'id'): TableColumnOptions {
  return { name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

export const col = {
  int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
  bigint: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra }),
  varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    ...extra,
  }),
  text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
  /** Booleans are stored as 0/1 on both dialects; give the default as 0 or 1 so that both agree with the entity. */
  boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue ? 1 : 0 }),
  datetime: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'datetime', ...extra }),
};
