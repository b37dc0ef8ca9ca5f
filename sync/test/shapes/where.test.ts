/** The where-clause subset: parsing, three-valued evaluation, typing of literals and params. */
import { describe, expect, test } from 'bun:test';
import { compileWhere, type ColumnType } from '../../src/shapes/where-eval.ts';
import { parseWhere, WhereSyntaxError } from '../../src/shapes/where-parser.ts';

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

describe('errors name what is not supported', () => {
  const cases: [string, RegExp, Record<number, string>?][] = [
    ['lower(name) = $$x$$', /function calls are not supported/],
    ['id + 1 = 2', /operator "\+"/],
    ['id = ANY($1)', /function calls|ANY/],
    ['id IN (SELECT 1)', /subqueries/],
    ['nosuch = 1', /unknown column "nosuch"/],
    ['Mixed = $$x$$', /unknown column "mixed"/],
    ['id = $$seven$$', /invalid input for a integer|invalid input/],
    ['id = $1', /no value in params\[1\]/],
    ['id = $1', /params\[1\]/, { 1: 'x' }],
    ["name = 1", /cannot compare a text value with a integer value|cannot compare/],
    ['tags = $$x$$', /not supported/],
    ['meta = $$x$$', /not supported/],
    ['id = 1 AND', /ends too early/],
    ['(id = 1', /expected "\)"/],
    ["name = 'open", /unterminated string/],
    ['id', /boolean/],
    ['CASE WHEN id = 1 THEN true END', /CASE expressions are not supported/],
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
