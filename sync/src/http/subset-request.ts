/**
 * Reads a subset snapshot request: `subset__*` query params on GET, or a JSON body on POST
 * (`{where, params, limit, offset, order_by}`, what the client sends with `method: 'POST'`).
 * The `_expr` forms are the client's structured copies of where/order_by, which it always
 * sends compiled alongside; they are checked to be JSON and the compiled text is used.
 */
import type { SubsetFieldNames, SubsetRequest } from '../shapes/index.ts';
import { BadRequest } from './shape-request.ts';

export const SUBSET_PREFIX = 'subset__';

const GET_NAMES: SubsetFieldNames = {
  where: 'subset__where',
  params: 'subset__params',
  orderBy: 'subset__order_by',
  limit: 'subset__limit',
  offset: 'subset__offset',
};
const POST_NAMES: SubsetFieldNames = { where: 'where', params: 'params', orderBy: 'order_by', limit: 'limit', offset: 'offset' };

export interface ParsedSubset {
  subset: SubsetRequest;
  names: SubsetFieldNames;
}

export const isSubsetQuery = (q: URLSearchParams) => [...q.keys()].some((k) => k.startsWith(SUBSET_PREFIX));

export function parseSubsetQuery(q: URLSearchParams): ParsedSubset {
  const errors: Record<string, string[]> = {};
  const raw: Record<string, unknown> = {};
  const str = (name: string) => q.get(name);
  raw.where = str(GET_NAMES.where);
  raw.order_by = str(GET_NAMES.orderBy);
  raw.limit = str(GET_NAMES.limit);
  raw.offset = str(GET_NAMES.offset);
  const paramsText = str(GET_NAMES.params);
  if (paramsText !== null) {
    try {
      raw.params = JSON.parse(paramsText);
    } catch {
      (errors[GET_NAMES.params] ??= []).push('must be a JSON object of parameter values');
    }
  }
  for (const name of ['subset__where_expr', 'subset__order_by_expr']) {
    const v = q.get(name);
    if (v === null) continue;
    try {
      JSON.parse(v);
    } catch {
      (errors[name] ??= []).push('must be JSON');
    }
  }
  return { subset: readFields(raw, GET_NAMES, errors, true), names: GET_NAMES };
}

export async function parseSubsetBody(req: Request): Promise<ParsedSubset> {
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    throw new BadRequest({ body: ['must be a JSON object with where, params, limit, offset or order_by'] });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest({ body: ['must be a JSON object'] });
  const errors: Record<string, string[]> = {};
  return { subset: readFields(body as Record<string, unknown>, POST_NAMES, errors, false), names: POST_NAMES };
}

function readFields(raw: Record<string, unknown>, names: SubsetFieldNames, errors: Record<string, string[]>, fromQuery: boolean): SubsetRequest {
  const fail = (param: string, message: string) => (errors[param] ??= []).push(message);
  const text = (v: unknown, param: string): string | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') return fail(param, 'must be a string'), null;
    if (!v.trim()) return fail(param, 'is empty'), null;
    return v;
  };
  const count = (v: unknown, param: string): number | null => {
    if (v === null || v === undefined) return null;
    const n = typeof v === 'number' ? v : fromQuery && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) return fail(param, 'must be a non-negative integer'), null;
    return n;
  };
  const params: Record<number, string> = {};
  if (raw.params !== undefined && raw.params !== null) {
    // `{"1": "a"}` (what the client sends, bigints as strings) or `["a"]` for $1.
    const entries = Array.isArray(raw.params)
      ? raw.params.map((v, i) => [String(i + 1), v] as const)
      : typeof raw.params === 'object'
        ? Object.entries(raw.params as Record<string, unknown>)
        : null;
    if (!entries) fail(names.params, 'must be a JSON object of parameter values');
    for (const [k, v] of entries ?? []) {
      const m = /^\$?(\d+)$/.exec(k);
      if (!m || Number(m[1]) < 1) fail(names.params, `"${k}" is not a parameter number`);
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[Number(m[1])] = String(v);
      else fail(names.params, `$${m[1]} must be a string, number or boolean`);
    }
  }
  const subset: SubsetRequest = {
    where: text(raw.where, names.where),
    params,
    orderBy: text(raw.order_by, names.orderBy),
    limit: count(raw.limit, names.limit),
    offset: count(raw.offset, names.offset),
  };
  if (Object.keys(errors).length) throw new BadRequest(errors);
  return subset;
}
