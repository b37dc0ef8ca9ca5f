/**
 * Registers the service worker that workbox-build generates after the build (scripts/build-sw.mjs).
 * Only in production builds: in development the worker would serve stale modules over Vite's.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
      // The app works without it (only offline reloads need it), so report and carry on.
      console.error('service worker registration failed', err);
    });
  });
}
