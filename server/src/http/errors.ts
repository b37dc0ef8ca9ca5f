import { firstSchemaProblem, schemaErrorMessage, type SchemaError } from '@chorus/sync/src/mutations/index.ts';
import type { TSchema } from '@sinclair/typebox';
import { Elysia, ValidationError } from 'elysia';
import type { Logger } from '../log.ts';

/**
 * An error a route throws on purpose. Its message is shown to the caller, so it must say what is
 * wrong and never contain secrets or internals.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new HttpError(400, 'invalid_request', message, details);

/** 422 naming a request field (`body.max_bots`), in the same shape as a schema validation error. */
export const invalidField = (field: string, message: string) =>
  new HttpError(422, 'invalid_request', `${field}: ${message}`, { errors: [{ path: field, message }] });

export interface ErrorBody {
  error: string;
  message: string;
  errors?: { path: string; message: string }[];
  [k: string]: unknown;
}

const json = (status: number, body: ErrorBody) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * The answer when everything else failed, even the error handler: a JSON 500 that says nothing
 * about the server (no message, path or stack). The runtime layer also gives it to Bun.serve's
 * `error`, so Bun never shows its debug page.
 */
export const lastResortResponse = () =>
  new Response('{"error":"internal","message":"internal error"}', { status: 500, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** The app's routes, for finding the schema a failed request was checked against. */
export type RouteList = () => readonly { method: string; path: string; hooks?: { query?: unknown } }[];

type FieldError = { path: string; message: string };

const COERCED = ['integer', 'number', 'boolean'];

/** The declared schema of a parameter Elysia coerces from a string, or undefined for the others. */
const coercedSchema = (s: TSchema): TSchema | undefined =>
  COERCED.includes(s.type as string) ? s : ((s.anyOf as TSchema[] | undefined) ?? []).find((b) => COERCED.includes(b.type as string));

/**
 * Elysia turns a query string into a number (or boolean) and then checks that value on its own,
 * so a failure there (a number out of range) arrives as type 'property' with no path. Checking
 * each parameter of the route's query schema again finds which one it was.
 */
function locateInQuery(routes: RouteList, request: Request, route: string | undefined): FieldError[] {
  const schema = routes().find((r) => r.method === request.method && r.path === route)?.hooks?.query as TSchema | undefined;
  const properties = (schema?.properties ?? {}) as Record<string, TSchema>;
  const search = new URL(request.url).searchParams;
  const found: FieldError[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const raw = search.getAll(name).at(-1);
    if (raw === undefined) continue;
    const branch = coercedSchema(property);
    if (!branch) continue;
    const value = branch.type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : Number(raw);
    const problem = firstSchemaProblem(branch, value);
    if (problem) found.push({ path: `query.${name}`, message: problem.message });
  }
  return found;
}

function validationBody(error: ValidationError, located: FieldError[]): ErrorBody {
  const errors = located.length
    ? located
    : (error.all ?? []).filter(Boolean).map((e) => {
        const path = 'path' in e && typeof e.path === 'string' ? e.path.replace(/^\//, '').replace(/\//g, '.') : '';
        const field = [error.type, path].filter(Boolean).join('.');
        return { path: field, message: 'type' in e ? schemaErrorMessage(e as SchemaError) : 'is invalid' };
      });
  const first = errors[0];
  return {
    error: 'invalid_request',
    message: first ? `${first.path}: ${first.message}` : `invalid ${error.type}`,
    errors,
  };
}

/**
 * Every error becomes a JSON body with a 4xx or 5xx status: never an HTML page or a stack trace.
 * Unexpected errors are logged in full and answered with a generic message.
 */
export const errorHandling = (log: Logger, routes: RouteList = () => []) =>
  // Destructured, not passed whole: Elysia reads a hook's parameters to decide what each route
  // parses, and a whole context would make every route parse its body.
  new Elysia({ name: 'chorus/errors' }).error({ HttpError }).onError({ as: 'global' }, ({ code, error, request, path, route }) => {
    // The handler itself must not throw: that would leave the answer to the runtime.
    try {
      return errorResponse(log, routes, { code, error, request, path, route });
    } catch (e) {
      try {
        log.error('the error handler failed', { error: e as Error });
      } catch {}
      return lastResortResponse();
    }
  });

function errorResponse(
  log: Logger,
  routes: RouteList,
  { code, error, request, path, route }: { code: unknown; error: unknown; request: Request; path: string; route?: string },
): Response {
  if (error instanceof HttpError) {
    return json(error.status, { error: error.code, message: error.message, ...error.details });
  }
  switch (code) {
    case 'NOT_FOUND':
      return json(404, { error: 'not_found', message: `no route for ${request.method} ${path}` });
    case 'VALIDATION': {
      const v = error as ValidationError;
      return json(422, validationBody(v, v.type === 'property' ? locateInQuery(routes, request, route) : []));
    }
    case 'PARSE':
      return json(400, { error: 'invalid_body', message: 'the request body is not valid JSON for its content type' });
    case 'INVALID_COOKIE_SIGNATURE':
      return json(400, { error: 'invalid_cookie', message: 'a cookie signature is invalid' });
  }
  // Postgres rejected bad input that got past validation (a CHECK or FK): still the caller's fault.
  const pgCode = (error as { code?: unknown }).code;
  if (typeof pgCode === 'string' && /^(22|23)/.test(pgCode)) {
    return json(400, { error: 'constraint_violation', message: (error as Error).message });
  }
  log.error('unhandled error', { method: request.method, path, error: error as Error, stack: (error as Error)?.stack });
  return json(500, { error: 'internal', message: 'internal error; the server log has the details' });
}
