/**
 * Field-level messages for schema errors, in words a caller can act on. Elysia's own summaries
 * name a union of literals by its JSON types ("should be one of: 'string', 'string'") and an
 * unknown field only as "should not be provided"; these list the allowed values and fields.
 * Error kinds are TypeBox's ValueErrorType numbers.
 */
const ADDITIONAL_PROPERTY = 42;
const UNION = 62;

interface SchemaError {
  type?: number;
  schema?: { anyOf?: { const?: unknown; type?: string }[]; properties?: Record<string, unknown> };
  summary?: string;
  message: string;
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

export function validationMessage(e: SchemaError): string {
  if (e.type === UNION && e.schema?.anyOf) {
    const values = e.schema.anyOf.map((s) => ('const' in s ? quote(s.const) : s.type === 'null' ? 'null' : null));
    if (values.some((v) => v !== null)) {
      const others = e.schema.anyOf.filter((s) => !('const' in s) && s.type !== 'null').map((s) => `a ${s.type ?? 'value'}`);
      return `must be one of: ${[...values.filter((v): v is string => v !== null), ...others].join(', ')}`;
    }
  }
  if (e.type === ADDITIONAL_PROPERTY) {
    const allowed = Object.keys(e.schema?.properties ?? {});
    return allowed.length ? `unknown field; the fields are: ${allowed.join(', ')}` : 'unknown field';
  }
  return e.summary || e.message;
}
