import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// Component and data tests: Solid compiled for the DOM, happy-dom (jsdom 27+ breaks on Kobalte's
// styles), and a real in-process PGlite per test file.
export default defineConfig({
  plugins: [solid()],
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/support/setup.ts'],
    // Booting PGlite (wasm compile + initdb) takes a few seconds on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
