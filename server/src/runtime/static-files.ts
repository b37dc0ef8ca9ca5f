/**
 * Serves the built dashboard (web/.output/public) from the Bun server when Caddy is not in
 * front: files by path, index.html for app routes (SPA fallback), a JSON 404 for missing assets.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';

const NO_CACHE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest']);

export function staticFiles(root: string) {
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html'))) return null;
  const index = join(base, 'index.html');
  return async (request: Request): Promise<Response | null> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (/^\/(api|v1|ws|sim)(\/|$)/.test(path)) return null;
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return null;
    if (path !== '/' && existsSync(file) && statSync(file).isFile()) {
      const hashed = path.startsWith('/_build/assets/');
      return new Response(Bun.file(file), {
        headers: {
          'cache-control': hashed ? 'public, max-age=31536000, immutable' : NO_CACHE.has(path) ? 'no-cache' : 'public, max-age=300',
          ...(path.endsWith('.wasm') ? { 'content-type': 'application/wasm' } : {}),
        },
      });
    }
    // An asset that is not there is a 404; anything else is a route of the app.
    if (/\.[a-z0-9]+$/i.test(path)) return null;
    return new Response(Bun.file(index), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  };
}
