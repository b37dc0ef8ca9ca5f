/**
 * Reads and checks a `/v1/shape` query (E shapes/api/params.ex). Every problem is collected under
 * the parameter it concerns, for the 400 body `{message, errors}`.
 */
import { PARAM, WHERE_PARAM_PATTERN } from '../protocol.ts';
import { parseOffset, type LogOffset } from '../replication/index.ts';
import { parseColumnList, parseTableName, ShapeParamError, type LogMode, type Replica, type ShapeDefinition } from '../shapes/index.ts';

export interface ShapeRequest {
  definition: ShapeDefinition;
  offset: LogOffset | 'now';
  handle: string | null;
  live: boolean;
  sse: boolean;
  cursor: string | null;
}

export class BadRequest extends Error {
  override name = 'BadRequest';
  constructor(readonly errors: Record<string, string[]>) {
    super('Invalid request');
  }
}

const BOOL = /^(true|false)$/;

export function parseShapeRequest(q: URLSearchParams): ShapeRequest {
  const errors: Record<string, string[]> = {};
  const fail = (param: string, message: string) => (errors[param] ??= []).push(message);

  const params: Record<number, string> = {};
  for (const [name, value] of q) {
    const m = WHERE_PARAM_PATTERN.exec(name);
    if (m) params[Number(m[1])] = value;
    // `subset__*` are read by subset-request.ts. Anything else is the application's or a
    // proxy's own (the client lets apps add params), and Electric ignores what it does not know.
  }

  let schema = 'public';
  let table = '';
  const tableText = q.get(PARAM.table);
  if (!tableText) fail(PARAM.table, 'is required');
  else {
    try {
      ({ schema, name: table } = parseTableName(tableText));
    } catch (e) {
      fail(PARAM.table, (e as Error).message);
    }
  }

  let offset: LogOffset | 'now' = { tx: -1, op: 0 };
  const offsetText = q.get(PARAM.offset);
  if (offsetText === null) fail(PARAM.offset, 'is required');
  else if (offsetText === 'now') offset = 'now';
  else {
    const parsed = parseOffset(offsetText);
    if (parsed) offset = parsed;
    else fail(PARAM.offset, 'has an invalid format: expected -1, now or <tx>_<op>');
  }
  const initial = offset === 'now' || (offset.tx < 0 && offsetText !== null);

  for (const name of [PARAM.live, PARAM.liveSse, PARAM.experimentalLiveSse]) {
    const v = q.get(name);
    if (v !== null && !BOOL.test(v)) fail(name, 'must be true or false');
  }
  const live = q.get(PARAM.live) === 'true';
  const sse = q.get(PARAM.liveSse) === 'true' || q.get(PARAM.experimentalLiveSse) === 'true';
  if (live && initial && offsetText !== null) fail(PARAM.live, `can't be true when offset is ${offsetText}`);
  if (sse && !live) fail(PARAM.liveSse, 'can only be true together with live=true');

  // The handle only means something with a log offset (params.ex validate_handle_with_offset).
  const handle = initial ? null : q.get(PARAM.handle);
  if (!initial && offsetText !== null && errors[PARAM.offset] === undefined && !handle) {
    fail(PARAM.handle, "can't be blank when offset != -1");
  }

  let columns: string[] | null = null;
  const columnsText = q.get(PARAM.columns);
  if (columnsText !== null) {
    try {
      columns = parseColumnList(columnsText);
    } catch (e) {
      fail(PARAM.columns, (e as Error).message);
    }
  }

  const replicaText = q.get(PARAM.replica) ?? 'default';
  if (replicaText !== 'default' && replicaText !== 'full') fail(PARAM.replica, 'must be default or full');

  const logText = q.get(PARAM.log) ?? 'full';
  if (logText !== 'full' && logText !== 'changes_only') fail(PARAM.log, 'must be full or changes_only');

  const where = q.get(PARAM.where);
  if (where !== null && !where.trim()) fail(PARAM.where, 'is empty');

  if (Object.keys(errors).length) throw new BadRequest(errors);
  return {
    definition: { schema, table, where: where ?? null, params, columns, replica: replicaText as Replica, log: logText as LogMode },
    offset,
    handle,
    live,
    sse,
    cursor: q.get(PARAM.cursor),
  };
}

export function paramErrorToBadRequest(e: ShapeParamError): BadRequest {
  return new BadRequest({ [e.param]: [e.message] });
}
