import type { LogLevel } from './config/index.ts';
import { redactKeyShaped, type Redactor } from './secrets/redact.ts';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Field names whose values must never reach a log line (API keys, the admin token, passwords).
const SECRET_FIELD = /(token|secret|password|api[_-]?key|authorization)/i;

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export type LogSink = (line: string) => void;

const defaultSink: LogSink = (line) => process.stdout.write(line + '\n');

/**
 * Structured logs: one JSON object a line, `{t, level, msg, ...fields}`. Each line passes through
 * `scrub` (the configured secrets and anything key-shaped, see secrets/redact.ts) as it is written,
 * whichever field or message carries it.
 */
export function createLogger(level: LogLevel, sink: LogSink = defaultSink, base: Fields = {}, scrub: Redactor = redactKeyShaped): Logger {
  const min = RANK[level];
  const write = (lvl: LogLevel, msg: string, fields?: Fields) => {
    if (RANK[lvl] < min) return;
    const record = { t: new Date().toISOString(), level: lvl, msg, ...base, ...fields };
    sink(scrub(JSON.stringify(record, redact)));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }, scrub),
  };
}

function redact(key: string, value: unknown): unknown {
  if (key && SECRET_FIELD.test(key) && value != null && value !== '') return '[redacted]';
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = createLogger('error', () => {});
