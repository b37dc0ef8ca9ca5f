/**
 * `npm run start:prod`: Caddy (the root Caddyfile) in front of the Chorus server. Both run as
 * children of this process; a signal stops both, and if either exits the other is stopped too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { configFromEnvironment, exitWith } from './environment.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const caddy = process.env.CHORUS_CADDY_BIN ?? 'caddy';

if (spawnSync(caddy, ['version']).status !== 0) {
  process.stderr.write(`chorus: Caddy is not installed (sudo apt-get install caddy on Debian/Ubuntu, or see caddyserver.com); or run npm start without it\n`);
  process.exit(1);
}

// Caddy is the front door for other machines, and behind it every request comes from loopback:
// without a token, anyone who reaches it could change everything.
process.chdir(root);
const config = configFromEnvironment(process.env);
if (!config.adminToken) {
  exitWith('start:prod serves Chorus to other machines through Caddy, so it needs an admin token: set CHORUS_ADMIN_TOKEN (16+ random characters, e.g. `openssl rand -hex 24`) in the environment or .env');
}

const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  // The Caddyfile's default site (http://127.0.0.1:8080) binds loopback only; a site address given
  // on purpose (a domain, or host:port) is served on every interface, as Caddy does by default.
  CHORUS_CADDY_LISTEN: process.env.CHORUS_CADDY_LISTEN ?? (process.env.CHORUS_SITE_ADDRESS?.trim() ? 'everywhere' : 'loopback'),
  PORT: port,
  CHORUS_UPSTREAM: process.env.CHORUS_UPSTREAM ?? `127.0.0.1:${port}`,
  CHORUS_SHAPES_UPSTREAM: process.env.CHORUS_SHAPES_UPSTREAM ?? process.env.CHORUS_UPSTREAM ?? `127.0.0.1:${port}`,
};

const children: ChildProcess[] = [
  spawn(process.execPath, ['server/src/main.ts'], { cwd: root, env, stdio: 'inherit' }),
  spawn(caddy, ['run', '--config', 'Caddyfile', '--adapter', 'caddyfile'], { cwd: root, env, stdio: 'inherit' }),
];

let stopping = false;
const stopAll = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill(signal);
};
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => stopAll(s));

const codes = await Promise.all(
  children.map(
    (c) =>
      new Promise<number>((resolve) =>
        c.on('exit', (code) => {
          stopAll('SIGTERM');
          resolve(code ?? 1);
        }),
      ),
  ),
);
process.exit(codes.find((c) => c !== 0) ?? 0);
