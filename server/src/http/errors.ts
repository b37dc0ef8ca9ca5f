import { Elysia, ValidationError } from 'elysia';
import type { Logger } from '../log.ts';
import { validationMessage } from './validation-messages.ts';

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

function validationBody(error: ValidationError): ErrorBody {
  const errors = (error.all ?? []).filter(Boolean).map((e) => {
    const path = 'path' in e && typeof e.path === 'string' ? e.path.replace(/^\//, '').replace(/\//g, '.') : '';
    const field = [error.type, path].filter(Boolean).join('.');
    return { path: field, message: String(validationMessage(e as Parameters<typeof validationMessage>[0]) || 'is invalid') };
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
export const errorHandling = (log: Logger) =>
  // Destructured, not passed whole: Elysia reads a hook's parameters to decide what each route
  // parses, and a whole context would make every route parse its body.
  new Elysia({ name: 'chorus/errors' }).error({ HttpError }).onError({ as: 'global' }, ({ code, error, request, path }) => {
    // The handler itself must not throw: that would leave the answer to the runtime.
    try {
      return errorResponse(log, { code, error, request, path });
    } catch (e) {
      try {
        log.error('the error handler failed', { error: e as Error });
      } catch {}
      return lastResortResponse();
    }
  });

function errorResponse(log: Logger, { code, error, request, path }: { code: unknown; error: unknown; request: Request; path: string }): Response {
  if (error instanceof HttpError) {
    return json(error.status, { error: error.code, message: error.message, ...error.details });
  }
  switch (code) {
    case 'NOT_FOUND':
      return json(404, { error: 'not_found', message: `no route for ${request.method} ${path}` });
    case 'VALIDATION':
      return json(422, validationBody(error as ValidationError));
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
