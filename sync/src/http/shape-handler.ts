/**
 * GET /v1/shape (E shapes/api.ex): the initial snapshot in chunks, catch-up reads, and live
 * long-polls that hold until the shape's log grows or the timeout passes.
 */
import { CACHE, HEADER, SNAPSHOT_HEADER } from '../protocol.ts';
import { formatOffset, type LogOffset } from '../replication/index.ts';
import { definitionKey, ShapeParamError, subsetQuery, type ActiveShape, type RowQuery, schemaHeader } from '../shapes/index.ts';
import type { ShapeRead, ShapeService } from '../shape-server.ts';
import { nextCursor } from './cursor.ts';
import { badRequest, corsHeaders, jsonResponse, mustRefetch, upToDateMessage } from './responses.ts';
import { BadRequest, paramErrorToBadRequest, parseShapeRequest, type ShapeRequest } from './shape-request.ts';
import { serveSse } from './sse.ts';
import type { ParsedSubset } from './subset-request.ts';

let emptyCounter = 0;

export async function getShape(service: ShapeService, req: Request, url: URL, readSubset: () => Promise<ParsedSubset | null>): Promise<Response> {
  let request: ShapeRequest;
  let shapeKey: string;
  let compiled;
  let subset: RowQuery | null = null;
  try {
    request = parseShapeRequest(url.searchParams);
    const parsed = await readSubset();
    compiled = await service.resolve(request.definition);
    shapeKey = definitionKey(compiled.definition);
    if (parsed) subset = subsetQuery(compiled, parsed.subset, parsed.names);
  } catch (e) {
    if (e instanceof BadRequest) return badRequest(req, e.errors);
    if (e instanceof ShapeParamError) return badRequest(req, paramErrorToBadRequest(e).errors);
    throw e;
  }

  const { offset } = request;
  let shape: ActiveShape;
  if (offset === 'now' || offset.tx < 0) {
    shape = service.shapeFor(compiled);
  } else {
    const found = request.handle ? service.find(request.handle) : undefined;
    // Unknown, evicted, invalidated, or a handle for another definition: start over (409).
    if (!found || found.status === 'gone' || found.key !== shapeKey) return mustRefetch(req, service.shapeFor(compiled).handle);
    shape = found;
    if (offset.tx > service.lastLsn()) return badRequest(req, { offset: ['out of bounds for this shape'] });
  }
  try {
    await shape.ready;
  } catch (e) {
    // Postgres refused the where clause's values (a date the evaluator let through, say): asking
    // again cannot help, so the request is at fault.
    if (refusedValues(e)) return badRequest(req, { where: [(e as Error).message] });
    return jsonResponse(req, 503, { message: 'The shape could not be created; try again' }, { 'retry-after': '1' });
  }
  if (shape.status === 'gone') return mustRefetch(req, service.shapeFor(compiled).handle);

  if (subset) return await subsetResponse(service, req, shape, subset, offset === 'now' || offset.tx < 0 ? null : offset);

  let read: ShapeRead;
  if (offset === 'now') {
    read = { bodies: [], offset: service.endOffset(shape), upToDate: true, lastLsn: service.lastLsn() };
  } else {
    read = service.read(shape, offset);
    if (request.live && request.sse) return serveSse(service, req, shape, offset, request.cursor);
    if (request.live && read.bodies.length === 0) {
      // A client whose offset is below the watermark may not have seen it yet: it gets it after a
      // short pause rather than a full hold, so grouped shapes learn of other tables' commits (I4).
      const o = service.options;
      const behind = offset.tx < read.lastLsn && o.watermarkWakeMs >= 0;
      const reason = await service.wait(shape, behind ? o.watermarkWakeMs : o.longPollMs, req.signal);
      // Deleted or invalidated while held: the client starts over and finds (or makes) the shape
      // itself; a fresh handle here would make one now, for a table that may be gone (Electric
      // does not either).
      if (reason === 'gone') return mustRefetch(req, null);
      read = service.read(shape, offset);
    }
  }
  return shapeResponse(service, req, shape, request, offset === 'now' ? null : offset, read);
}

/**
 * An answer with nothing new moves the client to `<watermark>_0` (O2): everything at or below the
 * watermark is in what it has. The offset then advances with every early up-to-date, so the
 * client's fast-loop detector (same offset 5 times in 500 ms) never mistakes them for a loop.
 */
function nextOffset(read: ShapeRead): LogOffset {
  if (read.bodies.length === 0 && read.upToDate && read.offset.tx >= 0 && read.lastLsn > read.offset.tx) {
    return { tx: read.lastLsn, op: 0 };
  }
  return read.offset;
}

function shapeResponse(
  service: ShapeService,
  req: Request,
  shape: ActiveShape,
  request: ShapeRequest,
  requestOffset: LogOffset | null,
  read: ShapeRead,
): Response {
  const parts = read.bodies.slice();
  if (read.upToDate) parts.push(upToDateMessage(read.lastLsn));
  const offsetText = formatOffset(nextOffset(read));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [HEADER.handle]: shape.handle,
    [HEADER.offset]: offsetText,
    ...corsHeaders(req),
  };
  if (read.upToDate) headers[HEADER.upToDate] = '';
  if (request.live) {
    headers[HEADER.cursor] = nextCursor(Date.now(), service.options.longPollMs, request.cursor, Math.random);
    headers[HEADER.hasData] = read.bodies.length > 0 ? 'true' : 'false';
    headers['cache-control'] = CACHE.live;
  } else {
    headers[HEADER.schema] = JSON.stringify(schemaHeader(shape.compiled.table, shape.compiled.selected));
    headers['cache-control'] = requestOffset && requestOffset.tx < 0 ? CACHE.initial : CACHE.catchUp;
  }
  // Empty answers differ over time (their up-to-date LSN moves), so their etag must too.
  const suffix = read.bodies.length === 0 ? `:${Date.now()}-${emptyCounter++}` : '';
  const etag = `"${shape.handle}:${requestOffset ? formatOffset(requestOffset) : 'now'}:${offsetText}${suffix}"`;
  headers.etag = etag;
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(`[${parts.join(',')}]`, { status: 200, headers });
}

/**
 * A subset snapshot: `{metadata, data}` (E shapes/api.ex). The metadata is what the client needs
 * to stitch the rows into its stream: the snapshot's xmin/xmax/xip_list (it drops later changes
 * to these keys that the snapshot already holds), `database_lsn` (once the stream's watermark
 * passes it, nothing more can be a duplicate) and, as `electric-offset`, where the client's
 * stream carries on (the client moves its stream there, whatever it was reading before).
 */
async function subsetResponse(service: ShapeService, req: Request, shape: ActiveShape, query: RowQuery, at: LogOffset | null): Promise<Response> {
  let result;
  try {
    result = await service.subset(shape, query, at);
  } catch (e) {
    if (refusedValues(e)) return badRequest(req, { subset: [(e as Error).message] });
    throw e;
  }
  const { snapshot: snap } = result;
  const metadata = {
    xmin: String(snap.xmin),
    xmax: String(snap.xmax),
    xip_list: snap.xip.map(String),
    snapshot_mark: Math.floor(Math.random() * 2 ** 31),
    database_lsn: String(snap.walLsn ?? service.lastLsn()),
  };
  return new Response(`{"metadata":${JSON.stringify(metadata)},"data":[${result.bodies.join(',')}]}`, {
    status: 200,
    headers: {
      'content-type': 'application/json',
      [HEADER.handle]: shape.handle,
      [HEADER.offset]: formatOffset(result.offset),
      [HEADER.schema]: JSON.stringify(schemaHeader(shape.compiled.table, shape.compiled.selected)),
      [SNAPSHOT_HEADER]: 'true',
      'cache-control': 'no-cache',
      ...corsHeaders(req),
    },
  });
}

/** Postgres errors that blame the query's values or types: data exceptions, operator/type mismatches. */
const TYPE_ERRORS = new Set(['42883', '42804', '42725', '42846']);
function refusedValues(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || TYPE_ERRORS.has(code));
}
