/**
 * A parser for the subset of SQL boolean expressions a shape's `where` may use. It never produces
 * SQL: the tree is evaluated in the server against each row (see where-eval.ts). Anything outside
 * the subset is a WhereSyntaxError that names what is not supported, which the HTTP layer turns
 * into a 400.
 */

export class WhereSyntaxError extends Error {
  override name = 'WhereSyntaxError';
}

export type WhereNode =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: string | null | boolean; numeric?: boolean }
  | { kind: 'param'; index: number }
  | { kind: 'cast'; arg: WhereNode; type: string }
  | { kind: 'compare'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; left: WhereNode; right: WhereNode }
  | { kind: 'and' | 'or'; args: WhereNode[] }
  | { kind: 'not'; arg: WhereNode }
  | { kind: 'is-null'; arg: WhereNode; negated: boolean }
  | { kind: 'is-bool'; arg: WhereNode; value: boolean; negated: boolean }
  | { kind: 'distinct'; left: WhereNode; right: WhereNode; negated: boolean }
  | { kind: 'in'; arg: WhereNode; list: WhereNode[]; negated: boolean }
  | { kind: 'like'; arg: WhereNode; pattern: WhereNode; insensitive: boolean; negated: boolean }
  | { kind: 'between'; arg: WhereNode; low: WhereNode; high: WhereNode; negated: boolean };

type Token =
  | { t: 'ident'; v: string; quoted: boolean; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: string; at: number }
  | { t: 'param'; v: number; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const OPERATORS = ['<>', '!=', '<=', '>=', '::', '=', '<', '>', '(', ')', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || ((c === 'E' || c === 'e') && src[i + 1] === "'")) {
      if (c !== "'") throw new WhereSyntaxError(`escape string literals (E'…') are not supported (at ${i + 1})`);
      const at = i++;
      let v = '';
      for (;;) {
        if (i >= src.length) throw new WhereSyntaxError(`unterminated string literal (at ${at + 1})`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i++];
      }
      out.push({ t: 'string', v, at });
    } else if (c === '"') {
      const at = i++;
      let v = '';
      for (;;) {
        if (i >= src.length) throw new WhereSyntaxError(`unterminated quoted identifier (at ${at + 1})`);
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i++];
      }
      if (!v) throw new WhereSyntaxError(`empty quoted identifier (at ${at + 1})`);
      out.push({ t: 'ident', v, quoted: true, at });
    } else if (c === '$') {
      const m = /^\$(\d+)/.exec(src.slice(i));
      if (!m) throw new WhereSyntaxError(`expected a parameter number after $ (at ${i + 1})`);
      out.push({ t: 'param', v: Number(m[1]), at: i });
      i += m[0].length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'number', v: m[0], at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      out.push({ t: 'ident', v: m[0].toLowerCase(), quoted: false, at: i });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) {
        const what = /[+\-*/%|&^~]/.test(c) ? `the operator "${c}" (arithmetic and string operators)` : `the character "${c}"`;
        throw new WhereSyntaxError(`${what} is not supported (at ${i + 1})`);
      }
      out.push({ t: 'op', v: op === '!=' ? '<>' : op, at: i });
      i += op.length;
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'like', 'ilike', 'between', 'distinct', 'from']);

export function parseWhere(src: string): WhereNode {
  if (!src.trim()) throw new WhereSyntaxError('the where clause is empty');
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isKeyword = (tok: Token, kw: string) => tok.t === 'ident' && !tok.quoted && tok.v === kw;
  const isOp = (tok: Token, op: string) => tok.t === 'op' && tok.v === op;
  const acceptKeyword = (kw: string) => (isKeyword(peek(), kw) ? (pos++, true) : false);
  const describe = (tok: Token) => (tok.t === 'end' ? 'the end of the clause' : `"${'v' in tok ? tok.v : ''}" (at ${tok.at + 1})`);
  const expectKeyword = (kw: string) => {
    if (!acceptKeyword(kw)) throw new WhereSyntaxError(`expected ${kw.toUpperCase()} but found ${describe(peek())}`);
  };
  const expectOp = (op: string) => {
    if (!isOp(peek(), op)) throw new WhereSyntaxError(`expected "${op}" but found ${describe(peek())}`);
    pos++;
  };

  const parseOr = (): WhereNode => {
    const args = [parseAnd()];
    while (acceptKeyword('or')) args.push(parseAnd());
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  };
  const parseAnd = (): WhereNode => {
    const args = [parseNot()];
    while (acceptKeyword('and')) args.push(parseNot());
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  };
  const parseNot = (): WhereNode => (acceptKeyword('not') ? { kind: 'not', arg: parseNot() } : parsePredicate());

  const parsePredicate = (): WhereNode => {
    const left = parseOperand();
    const tok = peek();
    if (tok.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
      pos++;
      const right = parseOperand();
      if (isKeyword(peek(), 'any') || isKeyword(peek(), 'all')) throw new WhereSyntaxError('ANY/ALL are not supported');
      return { kind: 'compare', op: tok.v as '=', left, right };
    }
    if (acceptKeyword('is')) {
      const negated = acceptKeyword('not');
      if (acceptKeyword('null')) return { kind: 'is-null', arg: left, negated };
      if (acceptKeyword('true')) return { kind: 'is-bool', arg: left, value: true, negated };
      if (acceptKeyword('false')) return { kind: 'is-bool', arg: left, value: false, negated };
      if (acceptKeyword('distinct')) {
        expectKeyword('from');
        return { kind: 'distinct', left, right: parseOperand(), negated };
      }
      throw new WhereSyntaxError(`expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found ${describe(peek())}`);
    }
    const negated = acceptKeyword('not');
    if (acceptKeyword('in')) {
      expectOp('(');
      if (isKeyword(peek(), 'select')) throw new WhereSyntaxError('subqueries are not supported');
      const list = [parseOperand()];
      while (isOp(peek(), ',')) {
        pos++;
        list.push(parseOperand());
      }
      expectOp(')');
      return { kind: 'in', arg: left, list, negated };
    }
    if (isKeyword(peek(), 'like') || isKeyword(peek(), 'ilike')) {
      const insensitive = isKeyword(next(), 'ilike');
      const pattern = parseOperand();
      if (acceptKeyword('escape')) throw new WhereSyntaxError('LIKE … ESCAPE is not supported');
      return { kind: 'like', arg: left, pattern, insensitive, negated };
    }
    if (acceptKeyword('between')) {
      if (acceptKeyword('symmetric')) throw new WhereSyntaxError('BETWEEN SYMMETRIC is not supported');
      const low = parseOperand();
      expectKeyword('and');
      return { kind: 'between', arg: left, low, high: parseOperand(), negated };
    }
    if (negated) throw new WhereSyntaxError(`expected IN, LIKE, ILIKE or BETWEEN after NOT, found ${describe(peek())}`);
    if (isKeyword(tok, 'similar')) throw new WhereSyntaxError('SIMILAR TO is not supported');
    return left;
  };

  const parseOperand = (): WhereNode => {
    let node = parsePrimary();
    while (isOp(peek(), '::')) {
      pos++;
      const tok = next();
      if (tok.t !== 'ident') throw new WhereSyntaxError(`expected a type name after :: but found ${describe(tok)}`);
      let type = tok.v;
      // Two-word type names Postgres accepts in casts.
      if (type === 'double' && acceptKeyword('precision')) type = 'float8';
      if (type === 'character' && acceptKeyword('varying')) type = 'varchar';
      if ((type === 'timestamp' || type === 'time') && acceptKeyword('with')) {
        expectKeyword('time');
        expectKeyword('zone');
        type = type === 'timestamp' ? 'timestamptz' : 'timetz';
      }
      if (isOp(peek(), '(') || isOp(peek(), '[')) throw new WhereSyntaxError(`type modifiers and array types in casts are not supported (${type})`);
      node = { kind: 'cast', arg: node, type };
    }
    return node;
  };

  const parsePrimary = (): WhereNode => {
    const tok = next();
    switch (tok.t) {
      case 'string':
        return { kind: 'literal', value: tok.v };
      case 'number':
        return { kind: 'literal', value: tok.v, numeric: true };
      case 'param':
        if (tok.v < 1) throw new WhereSyntaxError(`parameters are numbered from $1 (at ${tok.at + 1})`);
        return { kind: 'param', index: tok.v };
      case 'op':
        if (tok.v === '(') {
          if (isKeyword(peek(), 'select')) throw new WhereSyntaxError('subqueries are not supported');
          const inner = parseOr();
          expectOp(')');
          return inner;
        }
        throw new WhereSyntaxError(`unexpected ${describe(tok)}`);
      case 'ident': {
        if (!tok.quoted) {
          if (tok.v === 'null') return { kind: 'literal', value: null };
          if (tok.v === 'true' || tok.v === 'false') return { kind: 'literal', value: tok.v === 'true' };
          if (tok.v === 'case' || tok.v === 'exists' || tok.v === 'select' || tok.v === 'array')
            throw new WhereSyntaxError(`${tok.v.toUpperCase()} expressions are not supported`);
          if (RESERVED.has(tok.v)) throw new WhereSyntaxError(`unexpected ${tok.v.toUpperCase()} (at ${tok.at + 1})`);
        }
        if (isOp(peek(), '(')) throw new WhereSyntaxError(`function calls are not supported (${tok.v}(…) at ${tok.at + 1})`);
        if (peek().t === 'string' && !tok.quoted) {
          throw new WhereSyntaxError(`typed literals such as ${tok.v} '…' are not supported; use '…'::${tok.v}`);
        }
        return { kind: 'column', name: tok.v };
      }
      case 'end':
        throw new WhereSyntaxError('the where clause ends too early');
    }
  };

  const tree = parseOr();
  if (peek().t !== 'end') {
    throw new WhereSyntaxError(`unexpected ${describe(peek())}`);
  }
  return tree;
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
    case 'compare':
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
