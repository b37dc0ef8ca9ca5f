import { defineConfig } from 'vitest/config';

// End-to-end: Node drives Debian's Chromium through playwright-core against the built app.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser at a time: the machine has two cores and Chromium plus PGlite use both.
    fileParallelism: false,
  },
});
