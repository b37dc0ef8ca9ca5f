/**
 * Serves the built dashboard (web/.output/public) from the Bun server when Caddy is not in
 * front: files by path, index.html for app routes (SPA fallback), a JSON 404 for missing assets.
 * The folder is looked at on every request, so a build made while the server runs is served at
 * once. The build writes Brotli and gzip copies beside large files (PGlite's 10 MB wasm is 2.6 MB
 * as .br); a browser that accepts one gets it, with the original's type.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { badRequest } from '../http/errors.ts';

const NO_CACHE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest']);
/** Types Bun.file would guess wrong or not at all for the precompressed copies' originals. */
const TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.html': 'text/html; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** Preferred first: Brotli is smaller than gzip for every file the build compresses. */
const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The encodings the request accepts (a q=0 entry refuses one), by token. */
function accepted(header: string | null): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) out.add(token);
  }
  return out;
}

function fileResponse(request: Request, file: string, headers: Record<string, string>): Response {
  const type = TYPES[extname(file)];
  const base = { ...headers, ...(type ? { 'content-type': type } : {}) };
  const accepts = accepted(request.headers.get('accept-encoding'));
  let compressed = false;
  for (const { token, suffix } of ENCODINGS) {
    if (!isFile(file + suffix)) continue;
    compressed = true;
    if (!accepts.has(token) && !accepts.has('*')) continue;
    const body = Bun.file(file + suffix);
    return new Response(body, {
      headers: { ...base, 'content-type': type ?? Bun.file(file).type, 'content-encoding': token, vary: 'Accept-Encoding' },
    });
  }
  // Caches must keep the plain and the compressed answers apart whenever a copy exists.
  return new Response(Bun.file(file), { headers: compressed ? { ...base, vary: 'Accept-Encoding' } : base });
}

export function staticFiles(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return async (request: Request): Promise<Response | null> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    if (!existsSync(index)) return null;
    const path = decodedPath(new URL(request.url).pathname);
    if (/^\/(api|v1|ws|sim)(\/|$)/.test(path)) return null;
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return null;
    if (path !== '/' && isFile(file)) {
      const hashed = path.startsWith('/_build/assets/');
      return fileResponse(request, file, {
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : NO_CACHE.has(path) ? 'no-cache' : 'public, max-age=300',
      });
    }
    // An asset that is not there is a 404; anything else is a route of the app.
    if (/\.[a-z0-9]+$/i.test(path)) return null;
    return fileResponse(request, index, { 'cache-control': 'no-cache' });
  };
}

/** The path as the file system names it; a path that is not valid percent-encoded UTF-8 is the caller's mistake. */
function decodedPath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest('the path is not valid percent-encoded UTF-8');
  }
}

/** Whether the folder holds a built dashboard (index.html) right now. */
export const dashboardBuilt = (root: string) => existsSync(join(resolve(root), 'index.html'));
