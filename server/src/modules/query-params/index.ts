import { t } from 'elysia';

/**
 * An optional integer query parameter with its range in the schema, so the OpenAPI document shows
 * it and no route can forget the check. When the range fails, the error handler names the
 * parameter (http/errors.ts): Elysia itself reports it without a name.
 */
export const IntParam = (min: number, max: number, fallback: number, what: string) =>
  t.Optional(t.Integer({ minimum: min, maximum: max, description: `${what}: ${min}–${max}, default ${fallback}` }));

export const LIMIT = { min: 1, max: 200, fallback: 50 } as const;
export const OFFSET = { min: 0, max: 1_000_000, fallback: 0 } as const;

/**
 * `limit` and `offset` query parameters with their own ranges, and `page` to fill in the defaults.
 * One pair per route family (e.g. cold memory pages by 20 up to 100, activity up to 500).
 */
export function pageParams(limit: { max: number; fallback: number }, maxOffset: number = OFFSET.max) {
  return {
    schema: {
      limit: IntParam(LIMIT.min, limit.max, limit.fallback, 'page size'),
      offset: IntParam(OFFSET.min, maxOffset, OFFSET.fallback, 'rows to skip'),
    },
    page: (query: { limit?: number; offset?: number }) => ({
      limit: query.limit ?? limit.fallback,
      offset: query.offset ?? OFFSET.fallback,
    }),
  };
}

const standard = pageParams(LIMIT);
export const PagingParams = standard.schema;
export const paging = standard.page;
