import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  pid: number;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Runs `bun server/src/main.ts` as `npm start` would, with the given environment. The test that
 * starts it must stop it (by PID, through kill()).
 */
export function startServer(env: Record<string, string>, entry = 'server/src/main.ts'): ServerProcess {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHORUS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  return {
    pid: child.pid!,
    output: () => out,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    },
    waitFor(pattern, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            cleanup();
            resolve(m[0]);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${out}`));
        }, ms);
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`process exited before ${pattern}; output:\n${out}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.on('exit', onExit);
        check();
      });
    },
  };
}

/** Waits until the shape server at `base` reports `active` (replication connected); returns its last answer. */
export async function shapeServerActive(base: string, ms = 15_000): Promise<unknown> {
  const end = Date.now() + ms;
  let health: unknown;
  while (Date.now() < end) {
    health = await (await fetch(`${base}/v1/health`)).json();
    if ((health as { status?: string }).status === 'active') break;
    await Bun.sleep(100);
  }
  return health;
}
