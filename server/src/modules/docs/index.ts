import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Elysia, t } from 'elysia';
import { notFound } from '../../http/errors.ts';

/**
 * Swagger UI's files, served from the installed `swagger-ui-dist` package so the docs page at
 * /api/docs renders with no internet (the plugin's default loads them from a CDN).
 */
const ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

export const DOCS_ASSETS_PATH = '/api/docs/assets';

const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export const docsAssetsModule = () => {
  const cache = new Map<string, string>();
  return new Elysia({ name: 'chorus/docs-assets' }).get(
    `${DOCS_ASSETS_PATH}/:file`,
    async ({ params }) => {
      const type = ASSETS[params.file as keyof typeof ASSETS];
      if (!type) throw notFound(`docs asset ${params.file}`);
      let body = cache.get(params.file);
      if (!body) {
        body = await readFile(join(dist, params.file), 'utf8');
        cache.set(params.file, body);
      }
      return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
    },
    { params: t.Object({ file: t.String({ maxLength: 100 }) }), detail: { hide: true } },
  );
};
