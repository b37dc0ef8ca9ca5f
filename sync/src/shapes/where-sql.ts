/**
 * A checked where tree back to SQL, for the snapshot and subset queries, so Postgres reads only a
 * shape's rows (and can use its indexes). Column names are quoted, operators and type names come
 * from fixed sets, and every constant is a bound parameter: nothing the client wrote is pasted in.
 * String constants and `params[n]` are bound untyped, so Postgres types them by context exactly
 * as it types a literal, which is also how where-eval.ts types them.
 */
import { CAST_TYPES } from './pg-values.ts';
import type { CompiledShape } from './shape-definition.ts';
import { WhereSyntaxError, type OrderTerm, type WhereNode } from './where-parser.ts';

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Collects bound values; `bind` returns the placeholder to write. */
export class SqlParams {
  readonly values: string[] = [];
  bind(value: string, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

const INT4 = 2n ** 31n;
const INT8 = 2n ** 63n;

/** A numeric literal's type, as Postgres's parser gives it. */
function numericType(text: string): string {
  if (!/^-?\d+$/.test(text)) return 'numeric';
  const v = BigInt(text);
  if (v >= -INT4 && v < INT4) return 'int4';
  if (v >= -INT8 && v < INT8) return 'int8';
  return 'numeric';
}

export function whereSql(node: WhereNode, params: Record<number, string>, out: SqlParams): string {
  const sql = (n: WhereNode) => whereSql(n, params, out);
  switch (node.kind) {
    case 'column':
      return quoteIdent(node.name);
    case 'literal':
      if (node.value === null) return 'NULL';
      if (typeof node.value === 'boolean') return node.value ? 'TRUE' : 'FALSE';
      return node.numeric ? out.bind(node.value, numericType(node.value)) : out.bind(node.value);
    case 'param': {
      const v = params[node.index];
      if (v === undefined) throw new WhereSyntaxError(`parameter $${node.index} has no value in params[${node.index}]`);
      return out.bind(v);
    }
    case 'cast':
      if (!CAST_TYPES[node.type]) throw new WhereSyntaxError(`casts to ${node.type} are not supported`);
      return `(${sql(node.arg)})::${node.type}`;
    case 'compare':
    case 'arith':
      return `(${sql(node.left)} ${node.op} ${sql(node.right)})`;
    case 'neg':
      return `(- ${sql(node.arg)})`;
    case 'and':
    case 'or':
      return `(${node.args.map(sql).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${sql(node.arg)})`;
    case 'is-null':
      return `(${sql(node.arg)} IS ${node.negated ? 'NOT ' : ''}NULL)`;
    case 'is-bool':
      return `(${sql(node.arg)} IS ${node.negated ? 'NOT ' : ''}${node.value ? 'TRUE' : 'FALSE'})`;
    case 'distinct':
      return `(${sql(node.left)} IS ${node.negated ? 'NOT ' : ''}DISTINCT FROM ${sql(node.right)})`;
    case 'in':
      return `(${sql(node.arg)} ${node.negated ? 'NOT ' : ''}IN (${node.list.map(sql).join(', ')}))`;
    case 'like':
      return `(${sql(node.arg)} ${node.negated ? 'NOT ' : ''}${node.insensitive ? 'ILIKE' : 'LIKE'} ${sql(node.pattern)})`;
    case 'between':
      return `(${sql(node.arg)} ${node.negated ? 'NOT ' : ''}BETWEEN ${sql(node.low)} AND ${sql(node.high)})`;
  }
}

/**
 * ORDER BY names the table's column, qualified: the query selects each column as `col::text AS
 * col`, and a bare name in ORDER BY would pick that text output column (sorting 10 before 9).
 */
export function orderBySql(terms: OrderTerm[], table: { schema: string; name: string }): string {
  const prefix = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}.`;
  return terms
    .map((t) => `${prefix}${quoteIdent(t.column)}${t.desc ? ' DESC' : ' ASC'}${t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''}`)
    .join(', ');
}

/** The rows a query reads: SQL after `FROM table` and its bound values (see postgres/snapshot-query.ts). */
export interface RowQuery {
  tail: string;
  values: string[];
}

/** The initial snapshot's query: the shape's where clause, in SQL. */
export function snapshotQuery(shape: CompiledShape): RowQuery {
  const out = new SqlParams();
  const tail = shape.where ? `WHERE ${whereSql(shape.where, shape.definition.params, out)}` : '';
  return { tail, values: out.values };
}
