import { defineConfig } from 'vitest/config';

// The end-to-end files that run on PostgreSQL as well, when HOTLINE_TEST_PG names a server where
// databases may be created (.ci/run starts a throwaway one and sets it). The others are about
// SQLite files (backup/restore, file modes, the default database path) and run on SQLite only.
const E2E_POSTGRES = ['concurrency', 'import-kill', 'stress', 'remind-once', 'import-dispatch-kill'].map((f) => `test/e2e/${f}.test.ts`);
const PG_TESTS = ['test/pg/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: PG_TESTS } },
      ...(process.env.HOTLINE_TEST_PG
        ? [{ extends: true, test: { name: 'postgres', include: [...E2E_POSTGRES, ...PG_TESTS], env: { HOTLINE_E2E_BACKEND: 'postgres' } } }]
        : []),
    ],
  },
});
