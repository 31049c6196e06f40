import { defineConfig } from 'vitest/config';

// Browser tests: one real app (API + built web + its own PostgreSQL) for the run, driven by Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/e2e/app.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Actions answer in place after the page's data reloads: on a busy 2-core machine that can take seconds.
    expect: { poll: { timeout: 10_000 } },
  },
});
