import { defineConfig } from 'vitest/config';

// One `npm test` runs every workspace's tests. Server tests run on SQLite, and again on
// MySQL/MariaDB when DATABASE_URL is a mysql:// URL (each run gets a fresh database).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'schema',
          include: ['schema/src/**/*.test.ts'],
        },
      },
      {
        // graphql ships CJS and ESM builds; Node loads the CJS one for the libraries, so the
        // tests must use it too or graphql sees two copies of itself.
        resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          setupFiles: ['server/test/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'bench',
          include: ['bench/**/*.test.ts'],
        },
      },
      'web',
    ],
  },
});
