import { defineConfig } from '@solidjs/start/config';

// A static SPA: the dashboard reads only its in-browser PGlite, so there is nothing to render on
// a server. The build lands in .output/public, which the Bun server (or Caddy) serves as files.
export default defineConfig({
  ssr: false,
  server: { preset: 'static' },
  vite: {
    // PGlite loads its wasm and data files relative to its own module URL; pre-bundling it would
    // move the module away from those files.
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    worker: { format: 'es' },
    build: { target: 'es2022' },
  },
});
