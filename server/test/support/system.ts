// @ts-expect-error: a plain Node script without type declarations
import { SYSTEM_PROGRAMS } from '../../../scripts/system-deps.mjs';

/**
 * A test that drives a system program says so, by name, when it is missing, instead of failing on
 * an assertion about its output. `npm test` installs these first (scripts/system-deps.mjs).
 */
export function requireProgram(program: string): string {
  const path = Bun.which(program);
  if (path) return path;
  const known = (SYSTEM_PROGRAMS as { program: string; pkg: string }[]).find((p) => p.program === program);
  throw new Error(`${program} is not installed (it is not on PATH): run this test through npm test, which installs it, or install the Debian package yourself: apt-get install -y ${known?.pkg ?? program}`);
}
