/**
 * Limits on request bodies, checked before anything parses them: a body too large is a 413 and a
 * JSON body nested too deep a 400, both answered in a few milliseconds. Deep nesting is what
 * made one request hold the event loop for seconds (schema checks recurse once per level).
 */
import { Elysia } from 'elysia';

/** The largest body any route takes (a dashboard batch of 100 edits is far below it). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** How deep arrays and objects may nest in a JSON body; real bodies stay under 8. */
export const MAX_JSON_DEPTH = 32;

const json = (status: number, error: string, message: string) =>
  new Response(JSON.stringify({ error, message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

const tooLarge = () => json(413, 'body_too_large', `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
const tooDeep = () => json(400, 'invalid_body', `the JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`);

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as it passes `limit`.
 * A linear scan that only tracks strings, so it never recurses whatever the input.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** Reads at most `max` bytes of a body; null when it holds more. */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: cancelling one branch of a cloned (tee'd) body settles only once the other
      // branch is cancelled too, and that one is never read.
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Every request with a body: refused with 413 past MAX_BODY_BYTES (by Content-Length at once, or
 * while reading a chunked body), and a body nested past MAX_JSON_DEPTH with 400, before any route
 * parses it.
 */
export const bodyLimits = () =>
  new Elysia({ name: 'chorus/body-limits' }).onRequest(async ({ request }) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
    const declared = request.headers.get('content-length');
    if (declared !== null && Number(declared) > MAX_BODY_BYTES) return tooLarge();
    // The route parses the original; this reads a copy, capped, to check it first.
    const bytes = await readCapped(request.clone().body!, MAX_BODY_BYTES);
    if (!bytes) return tooLarge();
    // Whatever the Content-Type says: a parser may still take the body for JSON.
    if (jsonDepthExceeds(new TextDecoder().decode(bytes), MAX_JSON_DEPTH)) return tooDeep();
  });
