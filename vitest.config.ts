import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/test/**/*.test.ts', 'server/test/**/*.test.ts', 'bench/test/**/*.test.ts', 'web/test/**/*.test.ts'],
          exclude: ['server/test/containers/**'],
        },
      },
      {
        // The image built once per run (global-setup.ts) and run for real; after the other tests,
        // one file at a time, so the failover's timings do not share two cores with the whole suite.
        extends: true,
        test: {
          name: 'containers',
          include: ['server/test/containers/**/*.test.ts'],
          globalSetup: ['server/test/containers/global-setup.ts'],
          // The first build on a fresh machine compiles better-sqlite3 in the image.
          hookTimeout: 120_000,
          testTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
