import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { parseDatabaseUrl } from '../server/src/config';
import { mysqlConnection } from '../server/src/db/data-source';

/**
 * A database of its own for one benchmark, on the MySQL/MariaDB server at `databaseUrl`:
 * `url` for Patron, `connection` for raw mysql2 pools, `admin` (on the server, no database
 * chosen) for statements about it, and `drop` to remove it at the end. `what` names the
 * benchmark when the URL is not MySQL's.
 */
export async function benchDatabase(databaseUrl: string, prefix: string, what: string) {
  const server = parseDatabaseUrl(databaseUrl);
  if (server?.dialect !== 'mysql') throw new Error(`${what} runs on MySQL/MariaDB: give it a mysql:// DATABASE_URL`);
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = createPool({ ...mysqlConnection(server), connectionLimit: 1 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    server,
    connection: { ...mysqlConnection(server), database: name },
    admin,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
