/**
 * `npm start` on a clean clone serves the dashboard without a separate `npm run build`: when the
 * served folder is a project's build output (<project>/.output/public) and that build is missing
 * or older than the project's sources, the start builds it first, saying so and how long it took.
 * An up-to-date build costs one walk over the sources' mtimes (milliseconds).
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Folders that are outputs, caches, dependencies or tests, never inputs of the build. */
const NOT_SOURCES = new Set(['node_modules', '.output', '.vinxi', 'dist', 'e2e', 'e2e-output', 'test', 'coverage']);

export interface DashboardProject {
  /** The folder with the dashboard's package.json and its "build" script. */
  dir: string;
  /** The served folder, which the build writes. */
  out: string;
}

/** The project whose build `webDir` is, if it is one this server can build (has a build script). */
export function dashboardProject(webDir: string): DashboardProject | null {
  const out = resolve(webDir);
  const dir = dirname(dirname(out));
  if (!out.endsWith(join('.output', 'public'))) return null;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return typeof pkg.scripts?.build === 'string' ? { dir, out } : null;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || NOT_SOURCES.has(e.name)) continue;
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : e.isFile() ? statSync(path).mtimeMs : 0);
  }
  return newest;
}

/**
 * The project's own files plus those of the workspace packages it depends on (linked into
 * node_modules, like @chorus/sync): editing either changes what the build would produce.
 */
function sourceDirs(dir: string): string[] {
  const dirs = [dir];
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
      for (let at = dir; ; at = dirname(at)) {
        const link = join(at, 'node_modules', name);
        if (existsSync(link)) {
          if (lstatSync(link).isSymbolicLink()) dirs.push(realpathSync(link));
          break;
        }
        if (dirname(at) === at) break;
      }
    }
  } catch {}
  return dirs;
}

export type BuildState = { state: 'fresh' } | { state: 'missing' } | { state: 'stale'; changed: string };

/**
 * The build's time is that of its service worker, which the build writes last; a build that
 * stopped before it counts as missing.
 */
export function buildState(project: DashboardProject): BuildState {
  const marker = join(project.out, 'sw.js');
  if (!existsSync(join(project.out, 'index.html')) || !existsSync(marker)) return { state: 'missing' };
  const built = statSync(marker).mtimeMs;
  for (const dir of sourceDirs(project.dir)) {
    if (newestMtime(dir) > built) return { state: 'stale', changed: dir };
  }
  return { state: 'fresh' };
}

/** Runs the project's `npm run build`; resolves with its output, rejects with its tail on failure. */
export function runBuild(project: DashboardProject): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise(out);
      else reject(new Error(`npm run build in ${project.dir} failed (${code ?? signal}):\n${out.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}
