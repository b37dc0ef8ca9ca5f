/** Branded ids: a plain string becomes one only through the parser, once, at the edge (route params). */
export type BotId = string & { readonly __brand: 'BotId' };
export type ThreadId = string & { readonly __brand: 'ThreadId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidIdError extends Error {
  override name = 'InvalidIdError';
  constructor(kind: string, value: string) {
    super(`"${value}" is not a valid ${kind} id (expected a uuid)`);
  }
}

function parseUuid<T extends string>(kind: string, value: string): T {
  if (!UUID.test(value)) throw new InvalidIdError(kind, value);
  return value.toLowerCase() as T;
}

export const parseBotId = (value: string): BotId => parseUuid<BotId>('bot', value);
export const parseThreadId = (value: string): ThreadId => parseUuid<ThreadId>('thread', value);

/** For places where a bad id means "not found" rather than an error. */
export function tryParseBotId(value: string | undefined): BotId | undefined {
  return value && UUID.test(value) ? (value.toLowerCase() as BotId) : undefined;
}
export function tryParseThreadId(value: string | undefined): ThreadId | undefined {
  return value && UUID.test(value) ? (value.toLowerCase() as ThreadId) : undefined;
}
