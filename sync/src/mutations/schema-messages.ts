/**
 * Schema errors in words a person can act on, for the REST routes and the mutation check alike.
 * TypeBox's own messages name a union of literals by its JSON types ("Expected union value", or
 * Elysia's "should be one of: 'string', 'string'"), an unknown field only as "Unexpected
 * property", and a nullable number that is out of range as a union mismatch; these say which
 * values or fields are allowed instead.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';

/** The parts of a TypeBox ValueError (or of an Elysia validation error entry) the words need. */
export interface SchemaError {
  type: number;
  schema: TSchema;
  value: unknown;
  message: string;
}

interface Bounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

const KIND_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function kindOf(s: TSchema): string {
  if ('const' in s) return quote(s.const);
  return KIND_WORDS[s.type as string] ?? 'a value';
}

function range(s: Bounds): string | null {
  if (s.minimum !== undefined && s.maximum !== undefined) return `between ${s.minimum} and ${s.maximum}`;
  const low = s.minimum !== undefined ? `at least ${s.minimum}` : s.exclusiveMinimum !== undefined ? `more than ${s.exclusiveMinimum}` : null;
  const high = s.maximum !== undefined ? `at most ${s.maximum}` : s.exclusiveMaximum !== undefined ? `less than ${s.exclusiveMaximum}` : null;
  return low && high ? `${low} and ${high}` : (low ?? high);
}

/** "an integer between 1 and 200": the kind of a number with its range, for a mismatched type. */
function numberWords(s: TSchema): string {
  const r = range(s as Bounds);
  return r ? `${kindOf(s)} ${r}` : kindOf(s);
}

/**
 * Elysia coerces a query or path string with a union of a string branch (`format: integer`,
 * `numeric` or `boolean`) and the declared schema; a string that does not parse fails both.
 */
const isCoercion = (s: TSchema) => s.type === 'string' && ['integer', 'numeric', 'boolean'].includes(s.format as string);

/**
 * What is wrong with a value against one branch. A branch of a kind this TypeBox does not know
 * (a framework's own type) cannot be checked here; the caller then names the kind instead.
 */
function innerError(schema: TSchema, value: unknown) {
  try {
    return Value.Errors(schema, value).First();
  } catch {
    return undefined;
  }
}

function unionMessage(e: SchemaError): string {
  const branches = (e.schema.anyOf ?? []) as TSchema[];
  const declared = branches.filter((b) => !isCoercion(b));
  const nullable = declared.some((b) => b.type === 'null');
  const values = declared.filter((b) => 'const' in b);
  const others = declared.filter((b) => !('const' in b) && b.type !== 'null');
  if (values.length && !others.length) {
    return `must be one of: ${[...values.map((b) => quote(b.const)), ...(nullable ? ['null'] : [])].join(', ')}`;
  }
  // A nullable field given a value of the right kind but out of bounds: say what is wrong with
  // the value, not that it is not null.
  if (others.length === 1 && e.value !== null) {
    const inner = others[0]!;
    if (branches.some(isCoercion)) return `must be ${numberWords(inner)}`;
    const first = innerError(inner, e.value);
    const message = first ? schemaErrorMessage(first) : `must be ${kindOf(inner)}`;
    return nullable ? `${message}, or null` : message;
  }
  return `must be ${declared.map(kindOf).join(' or ')}`;
}

const fieldList = (s: TSchema) => Object.keys((s.properties ?? {}) as object).join(', ');

export function schemaErrorMessage(e: SchemaError): string {
  const s = e.schema;
  switch (e.type) {
    case ValueErrorType.Union:
      return unionMessage(e);
    case ValueErrorType.ObjectAdditionalProperties: {
      const fields = fieldList(s);
      return fields ? `unknown field; the fields are: ${fields}` : 'unknown field';
    }
    case ValueErrorType.ObjectMinProperties:
      return `must name at least ${s.minProperties === 1 ? 'one field' : `${s.minProperties} fields`}; the fields are: ${fieldList(s)}`;
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.Literal:
      return `must be ${quote(s.const)}`;
    case ValueErrorType.Integer:
    case ValueErrorType.Number:
      return `must be ${numberWords(s)}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberExclusiveMaximum:
      return `must be ${range(s as Bounds)}`;
    case ValueErrorType.String:
    case ValueErrorType.Boolean:
    case ValueErrorType.Object:
    case ValueErrorType.Array:
    case ValueErrorType.Null:
      return `must be ${kindOf(s)}`;
    case ValueErrorType.StringMinLength:
      return s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${s.maxLength} characters`;
    case ValueErrorType.StringPattern:
    case ValueErrorType.StringFormat:
      return typeof s.description === 'string' ? `must be ${s.description}` : `must match ${s.pattern ?? s.format}`;
    case ValueErrorType.ArrayMaxItems:
      return `must have at most ${s.maxItems} items`;
    case ValueErrorType.ArrayMinItems:
      return `must have at least ${s.minItems} ${s.minItems === 1 ? 'item' : 'items'}`;
  }
  return e.message;
}

/** The first thing wrong with `value`, by dotted path ("patch.creativity"), or null when valid. */
export function firstSchemaProblem(schema: TSchema, value: unknown): { field: string; message: string } | null {
  const first = Value.Errors(schema, value).First();
  if (!first) return null;
  return { field: first.path.replace(/^\//, '').replace(/\//g, '.'), message: schemaErrorMessage(first) };
}
