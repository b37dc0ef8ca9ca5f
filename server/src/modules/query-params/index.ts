import { t } from 'elysia';
import { HttpError } from '../../http/errors.ts';

/**
 * Numeric query parameters with their ranges checked here rather than by the schema. Elysia
 * coerces query strings to numbers, and when a coerced number then fails `minimum`/`maximum` its
 * validation error loses the parameter's name ("property: Expected integer…"). The schema still
 * rejects non-integers with the name; the range check below names the parameter too.
 */
export const IntParam = (min: number, max: number, fallback: number, what: string) =>
  t.Optional(t.Integer({ description: `${what}: ${min}–${max}, default ${fallback}` }));

export function inRange(value: number | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (value < min || value > max) {
    const message = `must be between ${min} and ${max}`;
    throw new HttpError(422, 'invalid_request', `query.${name}: ${message}`, { errors: [{ path: `query.${name}`, message }] });
  }
  return value;
}

export const LIMIT = { min: 1, max: 200, fallback: 50 } as const;
export const OFFSET = { min: 0, max: 1_000_000, fallback: 0 } as const;

/**
 * `limit` and `offset` query parameters with their own ranges, checked by `page` so a range
 * error names `query.limit` or `query.offset`. One pair per route family (e.g. cold memory pages
 * by 20 up to 100, activity up to 500).
 */
export function pageParams(limit: { max: number; fallback: number }, maxOffset: number = OFFSET.max) {
  return {
    schema: {
      limit: IntParam(LIMIT.min, limit.max, limit.fallback, 'page size'),
      offset: IntParam(OFFSET.min, maxOffset, OFFSET.fallback, 'rows to skip'),
    },
    page: (query: { limit?: number; offset?: number }) => ({
      limit: inRange(query.limit, 'limit', LIMIT.min, limit.max, limit.fallback),
      offset: inRange(query.offset, 'offset', OFFSET.min, maxOffset, OFFSET.fallback),
    }),
  };
}

const standard = pageParams(LIMIT);
export const PagingParams = standard.schema;
export const paging = standard.page;
