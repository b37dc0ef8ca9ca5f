/// <reference lib="webworker" />
/**
 * Waits until no other context holds a sync access handle on any file of an OPFS directory.
 *
 * Why: on a reload, the new page's worker can win PGlite's leader election while the old page's
 * worker is still being torn down and still holds its OPFS handles. PGlite's opfs-ahp file
 * system then logs "Error opening file handle" and carries on without those files, which looks
 * like an empty database. Opening (and at once closing) a handle on every file proves they are
 * all free; the old context never takes them again.
 */
export async function waitForOpfsHandover(dirName: string, timeoutMs = 15_000): Promise<void> {
  const root = await navigator.storage.getDirectory();
  let dir: FileSystemDirectoryHandle;
  try {
    dir = await root.getDirectoryHandle(dirName);
  } catch {
    return; // First visit: nothing to hand over.
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await firstBusyFile(dir);
    if (!busy) return;
    if (Date.now() > deadline) throw new Error(`local database file ${busy} is still held by another tab's worker`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Checks a directory's files in parallel (PGlite keeps a pool of about a thousand). */
async function firstBusyFile(dir: FileSystemDirectoryHandle, path = ''): Promise<string | undefined> {
  // entries() is in the spec and in every browser with sync access handles; lib.dom lacks it.
  const entries = (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
  const checks: Promise<string | undefined>[] = [];
  for await (const [name, handle] of entries) {
    checks.push(
      handle.kind === 'directory' ? firstBusyFile(handle as FileSystemDirectoryHandle, `${path}${name}/`) : isBusy(handle as FileSystemFileHandle, `${path}${name}`),
    );
  }
  return (await Promise.all(checks)).find((busy) => busy !== undefined);
}

async function isBusy(file: FileSystemFileHandle, path: string): Promise<string | undefined> {
  try {
    const access = await file.createSyncAccessHandle();
    access.close();
    return undefined;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'NoModificationAllowedError') return path;
    throw err;
  }
}
