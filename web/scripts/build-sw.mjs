// Generates the service worker after `vinxi build` (vite-plugin-pwa does not work inside
// SolidStart). It precaches the whole built app shell, index.html and PGlite's wasm/data files,
// so after one visit the dashboard opens with no network.
import { generateSW } from 'workbox-build';

const outDir = new URL('../.output/public/', import.meta.url).pathname;

const { count, size, warnings } = await generateSW({
  globDirectory: outDir,
  globPatterns: ['**/*.{html,js,css,wasm,data,png,svg,webmanifest}'],
  // Pre-compressed copies and build metadata are never requested by the page.
  globIgnores: ['**/*.gz', '**/*.br', '_server/**', '**/.vite/**', 'sw.js', 'workbox-*.js'],
  swDest: `${outDir}sw.js`,
  // PGlite's wasm is about 10 MB and its data file about 6 MB; the default limit is 2 MB.
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
  // Hashed build assets never change under the same name, so skip workbox's revision query.
  dontCacheBustURLsMatching: /^_build\/assets\//,
  // Every in-app route is the SPA's index.html; API and shape requests must reach the network.
  navigateFallback: '/index.html',
  navigateFallbackDenylist: [/^\/api\//, /^\/v1\//],
  // A new version takes over at once: the app keeps no state in memory worth protecting, all of
  // it is in PGlite.
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production',
});

for (const w of warnings) console.warn(`service worker: ${w}`);
console.log(`service worker: precached ${count} files, ${(size / 1024 / 1024).toFixed(1)} MB`);
