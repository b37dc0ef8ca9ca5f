/**
 * A shape's definition as the client states it (`table`, `where`, `params[n]`, `columns`,
 * `replica`), checked against the table, plus the compiled form the log collector uses.
 */
import { compileWhere, type ColumnType, type RowPredicate } from './where-eval.ts';
import { guardDepth, parseWhere, references, WhereSyntaxError, type WhereNode } from './where-parser.ts';
import type { TableInfo } from './table-info.ts';

export type Replica = 'default' | 'full';
/** `changes_only`: no initial snapshot; the log starts where the shape was made (E `log_mode`). */
export type LogMode = 'full' | 'changes_only';

export interface ShapeDefinition {
  schema: string;
  table: string;
  where: string | null;
  params: Record<number, string>;
  /** Selected columns in table order, or null for all. */
  columns: string[] | null;
  replica: Replica;
  /** Absent means `full` (and is how shapes stored before log modes read back). */
  log?: LogMode;
}

/** A bad shape parameter: the HTTP layer answers 400 with `errors[param]`. */
export class ShapeParamError extends Error {
  override name = 'ShapeParamError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** `table`, `schema.table`, `"Quoted"."Name"`: identifiers fold to lower case unless quoted. */
export function parseTableName(text: string): { schema: string; name: string } {
  const parts = parseIdentifierList(text, '.');
  if (parts.length === 1) return { schema: 'public', name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  throw new ShapeParamError('table', `"${text}" is not a table name`);
}

/** `"id","title"` or `id,title`: the client quotes each name (column-mapper.ts quoteIdentifier). */
export function parseColumnList(text: string): string[] {
  const cols = parseIdentifierList(text, ',');
  if (new Set(cols).size !== cols.length) throw new ShapeParamError('columns', 'a column is listed twice');
  return cols;
}

function parseIdentifierList(text: string, sep: '.' | ','): string[] {
  const out: string[] = [];
  let i = 0;
  const param = sep === '.' ? 'table' : 'columns';
  const bad = () => new ShapeParamError(param, `cannot read "${text}" as ${sep === '.' ? 'a table name' : 'a list of column names'}`);
  for (;;) {
    while (text[i] === ' ') i++;
    let name = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw bad();
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i));
      if (!m) throw bad();
      name = m[0].toLowerCase();
      i += m[0].length;
    }
    if (!name) throw bad();
    out.push(name);
    while (text[i] === ' ') i++;
    if (i >= text.length) return out;
    if (text[i] !== sep) throw bad();
    i++;
  }
}

/** The key under which identical definitions share one log. */
export function definitionKey(def: ShapeDefinition): string {
  const params = Object.keys(def.params)
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => [k, def.params[k]]);
  // The log mode is part of the shape, as in Electric: a changes-only log has no snapshot in it.
  const log = def.log === 'changes_only' ? [def.log] : [];
  return JSON.stringify([def.schema, def.table, def.where, params, def.columns, def.replica, ...log]);
}

export interface CompiledShape {
  definition: ShapeDefinition;
  table: TableInfo;
  /** Columns sent to the client, in table order; always includes the primary key. */
  selected: string[];
  /** The checked where tree, for generating the snapshot's SQL (where-sql.ts). */
  where: WhereNode | null;
  predicate: RowPredicate | null;
}

/**
 * Checks a definition against its table and compiles its where clause. Throws ShapeParamError
 * naming the parameter at fault.
 */
export function compileShape(def: ShapeDefinition, table: TableInfo): CompiledShape {
  if (table.pk.length === 0) throw new ShapeParamError('table', `table ${table.schema}.${table.name} has no primary key`);
  let selected = table.columns.map((c) => c.name);
  if (def.columns) {
    const known = new Set(selected);
    const unknown = def.columns.filter((c) => !known.has(c));
    if (unknown.length) throw new ShapeParamError('columns', `unknown column(s): ${unknown.join(', ')}`);
    const missingPk = table.pk.filter((c) => !def.columns!.includes(c));
    if (missingPk.length) throw new ShapeParamError('columns', `columns must include the primary key (missing: ${missingPk.join(', ')})`);
    selected = selected.filter((c) => def.columns!.includes(c));
  }
  let predicate: RowPredicate | null = null;
  let tree: WhereNode | null = null;
  if (def.where !== null) {
    try {
      tree = parseWhere(def.where);
      const refs = references(tree);
      for (const p of Object.keys(def.params).map(Number)) {
        if (!refs.params.has(p)) throw new ShapeParamError('params', `params[${p}] is given but the where clause has no $${p}`);
      }
      const types: Record<string, ColumnType> = {};
      for (const c of table.columns) types[c.name] = { type: c.type, dims: c.dims };
      predicate = guardDepth(() => compileWhere(tree!, types, def.params));
    } catch (e) {
      if (e instanceof WhereSyntaxError) {
        const param = /^parameter \$|params\[\d+\]/.test(e.message) ? 'params' : 'where';
        throw new ShapeParamError(param, e.message);
      }
      throw e;
    }
  } else if (Object.keys(def.params).length) {
    throw new ShapeParamError('params', 'params are given without a where clause');
  }
  return { definition: def, table, selected, where: tree, predicate };
}
