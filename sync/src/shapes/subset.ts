/**
 * Subset snapshots (E shapes/api: `subset__*`, or a POST body): part of a shape's rows, read on
 * request with their own where, params, order, limit and offset, on top of the shape's own where.
 * Checked and typed exactly like a shape's where clause, then turned into SQL with bound values.
 */
import { ShapeParamError, type CompiledShape } from './shape-definition.ts';
import { compileWhere, type ColumnType } from './where-eval.ts';
import { guardDepth, parseOrderBy, parseWhere, references, WhereSyntaxError } from './where-parser.ts';
import { orderBySql, SqlParams, whereSql, type RowQuery } from './where-sql.ts';

export interface SubsetRequest {
  where: string | null;
  params: Record<number, string>;
  orderBy: string | null;
  limit: number | null;
  offset: number | null;
}

/** Where each field came from, so a 400 names what the client sent (`subset__where` or `where`). */
export type SubsetFieldNames = Record<'where' | 'params' | 'orderBy' | 'limit' | 'offset', string>;

export function subsetQuery(shape: CompiledShape, subset: SubsetRequest, names: SubsetFieldNames): RowQuery {
  const out = new SqlParams();
  const conditions: string[] = [];
  if (shape.where) conditions.push(whereSql(shape.where, shape.definition.params, out));
  if (subset.where !== null) {
    try {
      const tree = parseWhere(subset.where);
      const refs = references(tree);
      for (const p of Object.keys(subset.params).map(Number)) {
        if (!refs.params.has(p)) throw new ShapeParamError(names.params, `${p} is given but the where clause has no $${p}`);
      }
      const types: Record<string, ColumnType> = {};
      for (const c of shape.table.columns) types[c.name] = { type: c.type, dims: c.dims };
      // Compiling checks columns and types as for a shape, so a bad subset is a 400, never a failed query.
      guardDepth(() => {
        compileWhere(tree, types, subset.params);
        conditions.push(whereSql(tree, subset.params, out));
      });
    } catch (e) {
      if (e instanceof WhereSyntaxError) throw new ShapeParamError(/params\[\d+\]|^parameter \$/.test(e.message) ? names.params : names.where, e.message);
      throw e;
    }
  } else if (Object.keys(subset.params).length) {
    throw new ShapeParamError(names.params, 'params are given without a where clause');
  }
  let tail = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  if (subset.orderBy !== null) {
    try {
      const terms = parseOrderBy(subset.orderBy);
      const known = new Set(shape.table.columns.map((c) => c.name));
      const unknown = terms.filter((t) => !known.has(t.column)).map((t) => t.column);
      if (unknown.length) throw new WhereSyntaxError(`unknown column(s): ${unknown.join(', ')}`);
      tail += ` ORDER BY ${orderBySql(terms, shape.table)}`;
    } catch (e) {
      if (e instanceof WhereSyntaxError) throw new ShapeParamError(names.orderBy, e.message);
      throw e;
    }
  }
  if (subset.limit !== null) tail += ` LIMIT ${out.bind(String(subset.limit), 'int8')}`;
  if (subset.offset !== null) tail += ` OFFSET ${out.bind(String(subset.offset), 'int8')}`;
  return { tail, values: out.values };
}
