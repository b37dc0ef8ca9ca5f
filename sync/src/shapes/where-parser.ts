/**
 * Where clauses and subset `order_by`s read by Postgres's own parser (libpg_query, built to WASM),
 * so what is accepted and the syntax errors are Postgres's. The parse tree is then narrowed to the
 * expressions the server can evaluate itself (where-eval.ts) and turn back into SQL with bound
 * values (where-sql.ts); the client's text never reaches a query. Anything outside that set is a
 * WhereSyntaxError that names the construct and where it is, which the HTTP layer makes a 400.
 */
import { loadModule, parseSync } from 'libpg-query';

await loadModule();

export class WhereSyntaxError extends Error {
  override name = 'WhereSyntaxError';
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '%';

export type WhereNode =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: string | null | boolean; numeric?: boolean }
  | { kind: 'param'; index: number }
  | { kind: 'cast'; arg: WhereNode; type: string }
  | { kind: 'compare'; op: CompareOp; left: WhereNode; right: WhereNode }
  | { kind: 'arith'; op: ArithOp; left: WhereNode; right: WhereNode }
  | { kind: 'neg'; arg: WhereNode }
  | { kind: 'and' | 'or'; args: WhereNode[] }
  | { kind: 'not'; arg: WhereNode }
  | { kind: 'is-null'; arg: WhereNode; negated: boolean }
  | { kind: 'is-bool'; arg: WhereNode; value: boolean; negated: boolean }
  | { kind: 'distinct'; left: WhereNode; right: WhereNode; negated: boolean }
  | { kind: 'in'; arg: WhereNode; list: WhereNode[]; negated: boolean }
  | { kind: 'like'; arg: WhereNode; pattern: WhereNode; insensitive: boolean; negated: boolean }
  | { kind: 'between'; arg: WhereNode; low: WhereNode; high: WhereNode; negated: boolean };

export interface OrderTerm {
  column: string;
  desc: boolean;
  /** null: Postgres's default (NULLS LAST ascending, NULLS FIRST descending). */
  nulls: 'first' | 'last' | null;
}

/** A parse-tree node: one key naming its type. */
type PgNode = Record<string, any>;

const WHERE_PREFIX = 'SELECT 1 WHERE ';
const ORDER_PREFIX = 'SELECT 1 ORDER BY ';

/** Parses `SELECT 1 <prefix><text>` and returns the SELECT, with Postgres's error text on failure. */
function parseSelect(prefix: string, text: string): PgNode {
  let tree: { stmts?: { stmt: PgNode }[] };
  try {
    tree = parseSync(prefix + text) as typeof tree;
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    if (!details) throw new WhereSyntaxError((e as Error).message);
    throw new WhereSyntaxError(`At location ${Math.max(0, details.cursorPosition - prefix.length)}: ${details.message}`);
  }
  const select = tree.stmts?.length === 1 ? tree.stmts[0]!.stmt.SelectStmt : undefined;
  // Anything besides the clause itself (a second statement, GROUP BY, LIMIT, …) is not ours.
  const extra = select ? Object.keys(select).filter((k) => !['targetList', 'whereClause', 'sortClause', 'limitOption', 'op'].includes(k)) : [];
  if (!select || extra.length || select.op !== 'SETOP_NONE') throw new WhereSyntaxError(`"${text}" is not a single expression`);
  return select;
}

export function parseWhere(src: string): WhereNode {
  if (!src.trim()) throw new WhereSyntaxError('the where clause is empty');
  const select = parseSelect(WHERE_PREFIX, src);
  if (!select.whereClause || select.sortClause) throw new WhereSyntaxError(`"${src}" is not a single expression`);
  return guardDepth(() => convert(select.whereClause as PgNode, WHERE_PREFIX.length));
}

/** A clause nested deeper than the JS stack (Postgres's own parser gives up a little later). */
export function guardDepth<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw new WhereSyntaxError('the expression is nested too deeply');
    throw e;
  }
}

/** `col [ASC|DESC] [NULLS FIRST|LAST], …`: columns only, as Electric's subset order_by. */
export function parseOrderBy(src: string): OrderTerm[] {
  if (!src.trim()) throw new WhereSyntaxError('the order by clause is empty');
  const select = parseSelect(ORDER_PREFIX, src);
  if (!select.sortClause || select.whereClause) throw new WhereSyntaxError(`"${src}" is not an order by clause`);
  return (select.sortClause as PgNode[]).map((item) => {
    const sort = item.SortBy as PgNode;
    const node = convert(sort.node as PgNode, ORDER_PREFIX.length);
    if (node.kind !== 'column') throw unsupported(sort.node as PgNode, ORDER_PREFIX.length, 'ordering by anything but a column');
    if (sort.sortby_dir === 'SORTBY_USING') throw unsupported(sort.node as PgNode, ORDER_PREFIX.length, 'ORDER BY … USING');
    const nulls = sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'first' : sort.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'last' : null;
    return { column: node.name, desc: sort.sortby_dir === 'SORTBY_DESC', nulls };
  });
}

const location = (node: PgNode, shift: number): number => {
  const inner = Object.values(node)[0] as { location?: number } | undefined;
  return Math.max(0, (inner?.location ?? shift) - shift);
};

const unsupported = (node: PgNode, shift: number, what: string) =>
  new WhereSyntaxError(`At location ${location(node, shift)}: ${what} is not supported`);

const COMPARE = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const ARITH = new Set<string>(['+', '-', '*', '/', '%']);

/**
 * Deeper trees are refused: the server evaluates each change by walking the compiled tree, and a
 * clause deep enough to exhaust the stack there would stop replication, not just one request.
 */
export const MAX_WHERE_DEPTH = 200;

function convert(node: PgNode, shift: number, depth = 0): WhereNode {
  if (depth > MAX_WHERE_DEPTH) throw unsupported(node, shift, `an expression nested more than ${MAX_WHERE_DEPTH} levels deep`);
  const [type, n] = Object.entries(node)[0] as [string, PgNode];
  const recur = (child: PgNode) => convert(child, shift, depth + 1);
  switch (type) {
    case 'ColumnRef': {
      const fields = n.fields as PgNode[];
      if (fields.length !== 1 || !fields[0]!.String) throw unsupported(node, shift, 'a qualified column name or *');
      return { kind: 'column', name: fields[0]!.String.sval as string };
    }
    case 'A_Const': {
      if (n.isnull) return { kind: 'literal', value: null };
      if (n.sval) return { kind: 'literal', value: (n.sval.sval as string | undefined) ?? '' };
      if (n.ival) return { kind: 'literal', value: String(n.ival.ival ?? 0), numeric: true };
      if (n.fval) return { kind: 'literal', value: n.fval.fval as string, numeric: true };
      if (n.boolval) return { kind: 'literal', value: n.boolval.boolval === true };
      throw unsupported(node, shift, 'this kind of constant');
    }
    case 'ParamRef': {
      const index = n.number as number | undefined;
      if (!index) throw unsupported(node, shift, 'a parameter without a number');
      return { kind: 'param', index };
    }
    case 'TypeCast': {
      const typeName = n.typeName as PgNode;
      if (typeName.arrayBounds || typeName.typmods) throw unsupported(node, shift, 'a cast with a type modifier or to an array type');
      const names = (typeName.names as PgNode[]).map((x) => x.String.sval as string);
      const name = names[names.length - 1]!;
      if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) throw unsupported(node, shift, `casts to ${names.join('.')}`);
      return { kind: 'cast', arg: recur(n.arg as PgNode), type: name };
    }
    case 'BoolExpr': {
      const args = (n.args as PgNode[]).map(recur);
      if (n.boolop === 'NOT_EXPR') return { kind: 'not', arg: args[0]! };
      return { kind: n.boolop === 'AND_EXPR' ? 'and' : 'or', args };
    }
    case 'NullTest':
      return { kind: 'is-null', arg: recur(n.arg as PgNode), negated: n.nulltesttype === 'IS_NOT_NULL' };
    case 'BooleanTest': {
      const test = n.booltesttype as string;
      if (test === 'IS_UNKNOWN' || test === 'IS_NOT_UNKNOWN') throw unsupported(node, shift, 'IS UNKNOWN');
      return { kind: 'is-bool', arg: recur(n.arg as PgNode), value: test.endsWith('TRUE'), negated: test.startsWith('IS_NOT') };
    }
    case 'A_Expr': {
      const op = ((n.name as PgNode[] | undefined) ?? []).map((x) => x.String?.sval as string).join('.');
      const left = () => recur(n.lexpr as PgNode);
      switch (n.kind as string) {
        case 'AEXPR_OP':
          if (!n.lexpr && op === '-') return { kind: 'neg', arg: recur(n.rexpr as PgNode) };
          if (n.lexpr && COMPARE.has(op)) return { kind: 'compare', op: op as CompareOp, left: left(), right: recur(n.rexpr as PgNode) };
          if (n.lexpr && ARITH.has(op)) return { kind: 'arith', op: op as ArithOp, left: left(), right: recur(n.rexpr as PgNode) };
          throw unsupported(node, shift, `the operator "${op}"`);
        case 'AEXPR_IN': {
          const items = (n.rexpr as PgNode).List?.items as PgNode[] | undefined;
          if (!items) throw unsupported(node, shift, 'IN with a subquery');
          return { kind: 'in', arg: left(), list: items.map(recur), negated: op === '<>' };
        }
        case 'AEXPR_LIKE':
        case 'AEXPR_ILIKE': {
          const pattern = n.rexpr as PgNode;
          if (pattern.FuncCall) throw unsupported(node, shift, 'LIKE … ESCAPE');
          return { kind: 'like', arg: left(), pattern: recur(pattern), insensitive: n.kind === 'AEXPR_ILIKE', negated: op.startsWith('!') };
        }
        case 'AEXPR_BETWEEN':
        case 'AEXPR_NOT_BETWEEN': {
          const [low, high] = ((n.rexpr as PgNode).List.items as PgNode[]).map(recur);
          return { kind: 'between', arg: left(), low: low!, high: high!, negated: n.kind === 'AEXPR_NOT_BETWEEN' };
        }
        case 'AEXPR_DISTINCT':
        case 'AEXPR_NOT_DISTINCT':
          return { kind: 'distinct', left: left(), right: recur(n.rexpr as PgNode), negated: n.kind === 'AEXPR_NOT_DISTINCT' };
        case 'AEXPR_OP_ANY':
        case 'AEXPR_OP_ALL':
          throw unsupported(node, shift, 'ANY/ALL');
        case 'AEXPR_SIMILAR':
          throw unsupported(node, shift, 'SIMILAR TO');
        default:
          throw unsupported(node, shift, `the expression ${String(n.kind).replace('AEXPR_', '')}`);
      }
    }
    case 'FuncCall': {
      const name = (n.funcname as PgNode[]).map((x) => x.String.sval as string).join('.');
      throw unsupported(node, shift, `the function call ${name}(…)`);
    }
    case 'SubLink':
      throw unsupported(node, shift, 'a subquery');
    case 'CaseExpr':
      throw unsupported(node, shift, 'a CASE expression');
    default:
      throw unsupported(node, shift, `the expression ${type}`);
  }
}

/** Every column and parameter a tree refers to, for validation against the table and params. */
export function references(node: WhereNode, acc = { columns: new Set<string>(), params: new Set<number>() }) {
  switch (node.kind) {
    case 'column':
      acc.columns.add(node.name);
      break;
    case 'param':
      acc.params.add(node.index);
      break;
    case 'literal':
      break;
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      references(node.arg, acc);
      break;
    case 'neg':
      references(node.arg, acc);
      break;
    case 'compare':
    case 'arith':
    case 'distinct':
      references(node.left, acc);
      references(node.right, acc);
      break;
    case 'and':
    case 'or':
      node.args.forEach((a) => references(a, acc));
      break;
    case 'in':
      references(node.arg, acc);
      node.list.forEach((a) => references(a, acc));
      break;
    case 'like':
      references(node.arg, acc);
      references(node.pattern, acc);
      break;
    case 'between':
      references(node.arg, acc);
      references(node.low, acc);
      references(node.high, acc);
      break;
  }
  return acc;
}
