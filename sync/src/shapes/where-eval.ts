/**
 * Compiles a parsed where clause into a predicate over one row (Postgres text values by column
 * name) with SQL's three-valued logic: a row belongs to the shape only when the result is TRUE.
 * Literals and params are typed against the column they meet, as Postgres resolves `unknown`
 * literals; a value that does not fit that type is a compile-time error (a 400).
 */
import { CAST_TYPES, categoryOf, parseText, type Category, type Value } from './pg-values.ts';
import { WhereSyntaxError, type WhereNode } from './where-parser.ts';

export type Row = Record<string, string | null>;
export type RowPredicate = (row: Row) => boolean;
export interface ColumnType {
  type: string;
  dims: number;
}

type Fn = (row: Row) => Value | null;
/** A compiled node: its category, or `unknown` for a constant whose type comes from context. */
interface Compiled {
  cat: Category | 'unknown';
  fn: Fn;
  /** The text of an unknown-typed constant (string literal or param), for coercion. */
  constant?: string | null;
  /** Set when the constant came from `params[n]`, so an error can name it. */
  param?: number;
}

const compare = (a: Value, b: Value) => (a < b ? -1 : a > b ? 1 : 0);

export function compileWhere(tree: WhereNode, columns: Record<string, ColumnType>, params: Record<number, string>): RowPredicate {
  const root = toBool(compile(tree), 'the where clause');
  return (row) => root(row) === true;

  function compile(node: WhereNode): Compiled {
    switch (node.kind) {
      case 'column': {
        const col = columns[node.name];
        if (!col) throw new WhereSyntaxError(`unknown column "${node.name}"`);
        const cat = categoryOf(col.type, col.dims);
        const name = node.name;
        return {
          cat,
          fn: (row) => {
            const raw = row[name];
            return raw == null ? null : (parseText(raw, cat) ?? null);
          },
        };
      }
      case 'literal': {
        if (node.value === null) return { cat: 'unknown', fn: () => null, constant: null };
        if (typeof node.value === 'boolean') {
          const v = node.value;
          return { cat: 'bool', fn: () => v };
        }
        if (node.numeric) {
          const isInt = /^-?\d+$/.test(node.value);
          const v = isInt ? BigInt(node.value) : Number(node.value);
          return { cat: isInt ? 'int' : 'float', fn: () => v };
        }
        const text = node.value;
        return { cat: 'unknown', fn: () => text, constant: text };
      }
      case 'param': {
        const text = params[node.index];
        if (text === undefined) throw new WhereSyntaxError(`parameter $${node.index} has no value in params[${node.index}]`);
        return { cat: 'unknown', fn: () => text, constant: text, param: node.index };
      }
      case 'cast': {
        const target = CAST_TYPES[node.type];
        if (!target) throw new WhereSyntaxError(`casts to ${node.type} are not supported`);
        const arg = compile(node.arg);
        if (arg.cat === 'unknown') return constantOf(arg, target, `::${node.type}`);
        if (arg.cat === target) return { cat: target, fn: arg.fn };
        if (target === 'text' && arg.cat !== 'other') {
          return { cat: 'text', fn: (row) => textOf(arg.fn(row)) };
        }
        if (target === 'float' && arg.cat === 'int') return { cat: 'float', fn: (row) => numberOf(arg.fn(row)) };
        if (arg.cat === 'text') {
          return { cat: target, fn: (row) => {
            const v = arg.fn(row);
            return v === null ? null : (parseText(String(v), target) ?? null);
          } };
        }
        throw new WhereSyntaxError(`casting a ${arg.cat} value to ${node.type} is not supported`);
      }
      case 'compare': {
        const [l, r] = unify(compile(node.left), compile(node.right), `"${node.op}"`);
        const op = node.op;
        return {
          cat: 'bool',
          fn: (row) => {
            const a = l(row);
            if (a === null) return null;
            const b = r(row);
            if (b === null) return null;
            const c = compare(a, b);
            switch (op) {
              case '=': return c === 0;
              case '<>': return c !== 0;
              case '<': return c < 0;
              case '<=': return c <= 0;
              case '>': return c > 0;
              case '>=': return c >= 0;
            }
          },
        };
      }
      case 'arith': {
        let l = compile(node.left);
        let r = compile(node.right);
        const context = `"${node.op}"`;
        // An untyped constant takes the other side's type, as Postgres resolves `unknown`.
        if (l.cat === 'unknown' && r.cat === 'unknown') throw new WhereSyntaxError(`the type of both sides of ${context} is unknown; cast one`);
        if (l.cat === 'unknown') l = constantOf(l, r.cat as Category, context);
        if (r.cat === 'unknown') r = constantOf(r, l.cat as Category, context);
        const numeric = (c: Compiled['cat']) => c === 'int' || c === 'float';
        if (!numeric(l.cat) || !numeric(r.cat)) {
          throw new WhereSyntaxError(`${context} on ${describeCat(l.cat)} and ${describeCat(r.cat)} values is not supported`);
        }
        const op = node.op;
        const lf = l.fn;
        const rf = r.fn;
        if (l.cat === 'int' && r.cat === 'int') {
          // Integer arithmetic, truncating division and a remainder with the dividend's sign, as
          // Postgres's; a division by zero (an error in Postgres) matches nothing.
          return {
            cat: 'int',
            fn: (row) => {
              const a = lf(row) as bigint | null;
              const b = a === null ? null : (rf(row) as bigint | null);
              if (a === null || b === null) return null;
              switch (op) {
                case '+': return a + b;
                case '-': return a - b;
                case '*': return a * b;
                case '/': return b === 0n ? null : a / b;
                case '%': return b === 0n ? null : a % b;
              }
            },
          };
        }
        return {
          cat: 'float',
          fn: (row) => {
            const a = numberOf(lf(row));
            const b = a === null ? null : numberOf(rf(row));
            if (a === null || b === null) return null;
            switch (op) {
              case '+': return a + b;
              case '-': return a - b;
              case '*': return a * b;
              case '/': return b === 0 ? null : a / b;
              case '%': return b === 0 ? null : a % b;
            }
          },
        };
      }
      case 'neg': {
        const arg = compile(node.arg);
        if (arg.cat === 'int') return { cat: 'int', fn: (row) => { const v = arg.fn(row) as bigint | null; return v === null ? null : -v; } };
        if (arg.cat === 'float') return { cat: 'float', fn: (row) => { const v = numberOf(arg.fn(row)); return v === null ? null : -v; } };
        throw new WhereSyntaxError(`"-" on a ${describeCat(arg.cat)} value is not supported`);
      }
      case 'and':
      case 'or': {
        const args = node.args.map((a) => toBool(compile(a), node.kind.toUpperCase()));
        const isAnd = node.kind === 'and';
        return {
          cat: 'bool',
          fn: (row) => {
            let sawNull = false;
            for (const a of args) {
              const v = a(row);
              if (v === null) sawNull = true;
              else if (v === !isAnd) return v;
            }
            return sawNull ? null : isAnd;
          },
        };
      }
      case 'not': {
        const arg = toBool(compile(node.arg), 'NOT');
        return { cat: 'bool', fn: (row) => { const v = arg(row); return v === null ? null : !v; } };
      }
      case 'is-null': {
        const arg = compile(node.arg);
        const negated = node.negated;
        return { cat: 'bool', fn: (row) => (arg.fn(row) === null) !== negated };
      }
      case 'is-bool': {
        const arg = toBool(compile(node.arg), 'IS TRUE/FALSE');
        const { value, negated } = node;
        return { cat: 'bool', fn: (row) => (arg(row) === value) !== negated };
      }
      case 'distinct': {
        const [l, r] = unify(compile(node.left), compile(node.right), 'IS DISTINCT FROM');
        const negated = node.negated;
        return {
          cat: 'bool',
          fn: (row) => {
            const a = l(row);
            const b = r(row);
            const same = a === null || b === null ? a === b : compare(a, b) === 0;
            return same === negated;
          },
        };
      }
      case 'in': {
        const arg = compile(node.arg);
        const items = node.list.map((item) => unify(arg, compile(item), 'IN')[1]);
        const left = unify(arg, compile(node.list[0]!), 'IN')[0];
        const negated = node.negated;
        return {
          cat: 'bool',
          fn: (row) => {
            const a = left(row);
            if (a === null) return null;
            let sawNull = false;
            for (const item of items) {
              const b = item(row);
              if (b === null) sawNull = true;
              else if (compare(a, b) === 0) return !negated;
            }
            return sawNull ? null : negated;
          },
        };
      }
      case 'like': {
        const arg = asText(compile(node.arg), 'LIKE');
        const pattern = compile(node.pattern);
        const flags = node.insensitive ? 'is' : 's';
        const negated = node.negated;
        if (pattern.cat === 'unknown' || (pattern.cat === 'text' && pattern.constant !== undefined)) {
          if (pattern.constant === null) return { cat: 'bool', fn: () => null };
          const re = likeToRegExp(pattern.constant!, flags);
          return { cat: 'bool', fn: (row) => { const v = arg(row); return v === null ? null : re.test(String(v)) !== negated; } };
        }
        const p = asText(pattern, 'LIKE');
        return {
          cat: 'bool',
          fn: (row) => {
            const v = arg(row);
            const pv = p(row);
            return v === null || pv === null ? null : likeToRegExp(String(pv), flags).test(String(v)) !== negated;
          },
        };
      }
      case 'between': {
        const arg = compile(node.arg);
        const [a1, lo] = unify(arg, compile(node.low), 'BETWEEN');
        const [, hi] = unify(arg, compile(node.high), 'BETWEEN');
        const negated = node.negated;
        return {
          cat: 'bool',
          fn: (row) => {
            const v = a1(row);
            const l = lo(row);
            const h = hi(row);
            if (v === null || l === null || h === null) return null;
            return (compare(v, l) >= 0 && compare(v, h) <= 0) !== negated;
          },
        };
      }
    }
  }

  function constantOf(c: Compiled, cat: Category, context: string): Compiled {
    if (c.constant === null || c.constant === undefined) return { cat, fn: () => null };
    const v = parseText(c.constant, cat);
    if (v === undefined) {
      const where = c.param !== undefined ? `params[${c.param}]` : context;
      throw new WhereSyntaxError(`invalid input for a ${describeCat(cat)} value in ${where}: "${c.constant}"`);
    }
    return { cat, fn: () => v, constant: c.constant };
  }

  /** Brings two operands to one comparable category, as Postgres would, or explains why not. */
  function unify(a: Compiled, b: Compiled, context: string): [Fn, Fn] {
    if (a.cat === 'unknown' && b.cat === 'unknown') return [a.fn, b.fn];
    if (a.cat === 'unknown') return [constantOf(a, b.cat as Category, context).fn, checkComparable(b, context).fn];
    if (b.cat === 'unknown') return [checkComparable(a, context).fn, constantOf(b, a.cat, context).fn];
    checkComparable(a, context);
    checkComparable(b, context);
    if (a.cat === b.cat) return [a.fn, b.fn];
    const numeric = (c: Category) => c === 'int' || c === 'float';
    if (numeric(a.cat) && numeric(b.cat)) return [(row) => numberOf(a.fn(row)), (row) => numberOf(b.fn(row))];
    throw new WhereSyntaxError(`cannot compare a ${describeCat(a.cat)} value with a ${describeCat(b.cat)} value in ${context}`);
  }

  function checkComparable(c: Compiled, context: string): Compiled {
    if (c.cat === 'other') throw new WhereSyntaxError(`${context} on json, array, bytea and similar columns is not supported`);
    return c;
  }

  function toBool(c: Compiled, context: string): Fn {
    if (c.cat === 'bool') return c.fn;
    if (c.cat === 'unknown') return constantOf(c, 'bool', context).fn;
    throw new WhereSyntaxError(`${context} needs a boolean expression, not a ${describeCat(c.cat)} value`);
  }

  function asText(c: Compiled, context: string): Fn {
    if (c.cat === 'text' || c.cat === 'unknown') return c.fn;
    throw new WhereSyntaxError(`${context} needs a text value, not a ${describeCat(c.cat)} value`);
  }
}

const describeCat = (c: Category | 'unknown') =>
  ({ int: 'integer', float: 'numeric', bool: 'boolean', time: 'date/time', text: 'text', other: 'non-scalar', unknown: 'untyped' })[c];

const numberOf = (v: Value | null) => (v === null ? null : Number(v));
const textOf = (v: Value | null) => (v === null ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

/** LIKE pattern → anchored RegExp: `%` any run, `_` one character, `\` escapes. */
export function likeToRegExp(pattern: string, flags: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += escapeRe(pattern[++i]!);
    else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += escapeRe(c);
  }
  return new RegExp(`^${out}$`, flags);
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
