/**
 * What both runtime layers (Bun's main.ts, deno.ts) do before anything else: read the settings
 * from the environment and an optional `.env` in the working directory, and stop with one line
 * naming what is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/index.ts';
import type { Env } from '../config/parse.ts';

export function exitWith(message: string): never {
  process.stderr.write(`chorus: ${message}\n`);
  process.exit(1);
}

export function configFromEnvironment(env: Env): Config {
  try {
    return loadConfig(env, existsSync('.env') ? readFileSync('.env', 'utf8') : null);
  } catch (e) {
    if (e instanceof ConfigError) exitWith(`configuration: ${e.message}`);
    throw e;
  }
}

/** The first line of a start-up error, which is the part meant for a person. */
export const firstLine = (e: unknown) => ((e as Error)?.message ?? String(e)).split('\n')[0]!;
