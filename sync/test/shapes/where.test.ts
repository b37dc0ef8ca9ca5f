/** The where-clause subset: parsing, three-valued evaluation, typing of literals and params. */
import { describe, expect, test } from 'bun:test';
import { compileWhere, type ColumnType } from '../../src/shapes/where-eval.ts';
import { MAX_WHERE_DEPTH, parseOrderBy, parseWhere, WhereSyntaxError } from '../../src/shapes/where-parser.ts';
import { orderBySql, SqlParams, whereSql } from '../../src/shapes/where-sql.ts';

const columns: Record<string, ColumnType> = {
  id: { type: 'int4', dims: 0 },
  big: { type: 'int8', dims: 0 },
  name: { type: 'text', dims: 0 },
  price: { type: 'numeric', dims: 0 },
  done: { type: 'bool', dims: 0 },
  at: { type: 'timestamptz', dims: 0 },
  day: { type: 'date', dims: 0 },
  Mixed: { type: 'text', dims: 0 },
  tags: { type: 'text', dims: 1 },
  meta: { type: 'jsonb', dims: 0 },
};

const row = {
  id: '7', big: '9007199254740993', name: 'Widget/Pro', price: '12.50', done: 'f', at: '2024-03-04 05:06:07.5+00',
  day: '2024-03-04', Mixed: 'x', tags: '{a}', meta: '{}',
};

const matches = (where: string, r: Record<string, string | null> = row, params: Record<number, string> = {}) =>
  compileWhere(parseWhere(where), columns, params)(r);

describe('evaluation', () => {
  const cases: [string, boolean][] = [
    ['id = 7', true],
    ['id <> 7', false],
    ['id != 8', true],
    ["id = '7'", true],
    ['id > 6 AND id <= 7', true],
    ['id < 7 OR name = $$Widget/Pro$$', true],
    ['NOT (id = 7)', false],
    ['id IN (1, 2, 7)', true],
    ['id NOT IN (1, 2)', true],
    ['big = 9007199254740993', true],
    ['big > 9007199254740992', true],
    ['price = 12.5', true],
    ["price > '12.49'", true],
    ['done', false],
    ['NOT done', true],
    ['done = false', true],
    ['done IS FALSE', true],
    ["name LIKE 'Widget%'", true],
    ["name LIKE 'widget%'", false],
    ["name ILIKE 'widget%'", true],
    ["name LIKE 'W_dget/Pro'", true],
    ["name NOT LIKE '%Pro'", false],
    ['id BETWEEN 5 AND 10', true],
    ['id NOT BETWEEN 5 AND 10', false],
    ["at > '2024-03-04'", true],
    ["at = '2024-03-04T05:06:07.500Z'", true],
    ["at < '2024-03-04 06:00:00+01'", false],
    ["day = '2024-03-04'::date", true],
    ['"Mixed" = $$x$$', true],
    ['name IS NOT NULL', true],
    ['id::text = $$7$$', true],
    ['tags IS NULL', false],
    ['id + 1 = 8', true],
    ['id - 10 = -3', true],
    ['-id = -7', true],
    ['id * 2 > 13', true],
    ['id / 2 = 3', true],
    ['id % 4 = 3', true],
    ['-7 % 3 = -1', true],
    ['-7 / 2 = -3', true],
    ['big + 1 = 9007199254740994', true],
    ['price * 2 = 25', true],
    ["id + '1' = 8", true],
    ['id / 0 = 1', false],
  ];
  for (const [where, expected] of cases) {
    test(where, () => expect(matches(where.replace(/\$\$/g, "'"))).toBe(expected));
  }

  test('NULL makes comparisons unknown, and unknown is not a match (three-valued logic)', () => {
    const r = { ...row, name: null };
    expect(matches("name = 'x'", r)).toBe(false);
    expect(matches("NOT (name = 'x')", r)).toBe(false);
    expect(matches("name = 'x' OR id = 7", r)).toBe(true);
    expect(matches("name = 'x' AND id = 7", r)).toBe(false);
    expect(matches('name IS NULL', r)).toBe(true);
    expect(matches("id NOT IN (1, NULL)", r)).toBe(false);
    expect(matches("name IS DISTINCT FROM 'x'", r)).toBe(true);
    expect(matches('name IS NOT DISTINCT FROM NULL', r)).toBe(true);
  });

  test('params are typed by the column they meet', () => {
    expect(matches('id = $1 AND name = $2', row, { 1: '7', 2: 'Widget/Pro' })).toBe(true);
    expect(matches('done = $1', row, { 1: 'false' })).toBe(true);
    expect(matches('id IN ($1, $2)', row, { 1: '1', 2: '7' })).toBe(true);
  });
});

describe("errors are Postgres's own, or name what is not supported and where", () => {
  const cases: [string, RegExp, Record<number, string>?][] = [
    ['lower(name) = $$x$$', /^At location 0: the function call lower\(…\) is not supported$/],
    ["name || 'x' = 'y'", /At location 5: the operator "\|\|" is not supported/],
    ["name + 1 = 2", /"\+" on text and integer values is not supported/],
    ['$1 + $2 = 3', /unknown; cast one/, { 1: '1', 2: '2' }],
    ['id = ANY($1)', /function calls|ANY/],
    ['id IN (SELECT 1)', /^At location 3: a subquery is not supported$/],
    ['nosuch = 1', /unknown column "nosuch"/],
    ['Mixed = $$x$$', /unknown column "mixed"/],
    ['id = $$seven$$', /invalid input for a integer|invalid input/],
    ['id = $1', /no value in params\[1\]/],
    ['id = $1', /params\[1\]/, { 1: 'x' }],
    ["name = 1", /cannot compare a text value with a integer value|cannot compare/],
    ['tags = $$x$$', /not supported/],
    ['meta = $$x$$', /not supported/],
    ['id = 1 AND', /^At location 10: syntax error at end of input$/],
    ['id = x x', /^At location 7: syntax error at or near "x"$/],
    ['id = 1; DROP TABLE t', /not a single expression/],
    ['id = 1 ORDER BY id', /not a single expression/],
    ['id = 1 GROUP BY id', /not a single expression/],
    ['t.id = 1', /qualified column/],
    [`${'NOT '.repeat(300)}id = 1`, /nested more than 200 levels deep/],
    [`${'id + '.repeat(250)}1 = 1`, /nested more than 200 levels deep/],
    ['(id = 1', /^At location 7: syntax error at end of input$/],
    ["name = 'open", /^At location 7: unterminated quoted string at or near "'open"$/],
    ['id', /boolean/],
    ['CASE WHEN id = 1 THEN true END', /^At location 0: a CASE expression is not supported$/],
    ["name SIMILAR TO 'x'", /SIMILAR TO|unexpected/],
    ['id::point = 1', /casts to point are not supported/],
  ];
  for (const [where, message, params] of cases) {
    test(where, () => {
      let error: unknown;
      try {
        compileWhere(parseWhere(where.replace(/\$\$/g, "'")), columns, params ?? {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WhereSyntaxError);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('SQL from the parsed tree', () => {
  test('constants are bound, typed as Postgres types them; columns are quoted', () => {
    const out = new SqlParams();
    const sql = whereSql(parseWhere(`"Mixed" = 'a''b' AND id IN (1, 3000000000, 1.5) AND name LIKE $1 AND NOT done`), { 1: 'x%' }, out);
    expect(sql).toBe('(("Mixed" = $1) AND ("id" IN ($2::int4, $3::int8, $4::numeric)) AND ("name" LIKE $5) AND (NOT "done"))');
    expect(out.values).toEqual(["a'b", '1', '3000000000', '1.5', 'x%']);
  });

  test('dollar quoting, negative numbers and Postgres type names work', () => {
    expect(matches('id > -1 AND name = $q$Widget/Pro$q$ AND price::double precision > 12')).toBe(true);
  });

  test('order by: columns with direction and nulls only', () => {
    expect(orderBySql(parseOrderBy('"Mixed" DESC NULLS LAST, id'), { schema: 'public', name: 't' })).toBe('"public"."t"."Mixed" DESC NULLS LAST, "public"."t"."id" ASC');
    expect(() => parseOrderBy('lower(name)')).toThrow(/not supported/);
    expect(() => parseOrderBy('id; DROP TABLE t')).toThrow(/not an order by clause|not a single expression/);
  });
});

describe('nesting', () => {
  test('parentheses add no depth; expressions nested past the bound are a syntax error, never a stack overflow', () => {
    expect(matches(`${'('.repeat(5000)}id = 7${')'.repeat(5000)}`)).toBe(true);
    expect(matches(`${'NOT NOT '.repeat(16)}id = 7`)).toBe(true);
    for (const where of [`${'NOT '.repeat(MAX_WHERE_DEPTH + 1)}id = 7`, `${'id = 7 AND ('.repeat(250)}id = 7${')'.repeat(250)}`, `${'('.repeat(100_000)}id = 7`]) {
      expect(() => parseWhere(where)).toThrow(WhereSyntaxError);
    }
  });
});
