import { defineConfig } from 'vitest/config';

// Browser tests: one real app (API + built web + its own PostgreSQL) for the run, driven by Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/e2e/app.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
