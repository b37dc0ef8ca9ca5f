/**
 * A real full disk for tests: a small tmpfs mounted for the test, filled to the last byte by one
 * file, and freed by deleting it. Mounting needs root (as CI runs); `canMountTmpfs` tells.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const canMountTmpfs: boolean = (() => {
  const dir = `/tmp/chorus-tmpfs-probe-${process.pid}`;
  spawnSync('mkdir', ['-p', dir]);
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  spawnSync('rmdir', [dir]);
  return ok;
})();

export interface Tmpfs {
  dir: string;
  /** Fills the file system with one file until it refuses a byte more; returns what frees it. */
  fill(): Promise<() => Promise<void>>;
  unmount(): Promise<void>;
}

export async function mountTmpfs(dir: string, sizeMiB: number): Promise<Tmpfs> {
  await mkdir(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`mount -t tmpfs ${dir} failed: ${mounted.stderr.toString().trim()}`);
  return {
    dir,
    async fill() {
      const file = join(dir, `filler-${Date.now()}`);
      const fh = await open(file, 'w');
      try {
        const block = Buffer.alloc(64 * 1024, 1);
        try {
          for (;;) await fh.write(block);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        }
        // Smaller writes take the last bytes too.
        try {
          for (;;) await fh.write(Buffer.alloc(512, 1));
        } catch {}
      } finally {
        await fh.close();
      }
      return () => unlink(file);
    },
    async unmount() {
      spawnSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
