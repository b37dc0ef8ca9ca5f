/// <reference lib="webworker" />
/**
 * Waits until no other context holds a sync access handle on any file of an OPFS directory.
 *
 * Why: on a reload, the new page's worker can win PGlite's leader election while the old page's
 * worker is still being torn down and still holds its OPFS handles. PGlite's opfs-ahp file
 * system then logs "Error opening file handle" and carries on without those files, which looks
 * like an empty database. The owner holds a Web Lock for its life, so once the new worker has it
 * the old context is gone; a probe of one file confirms it. If that file is still busy, every
 * file is probed (opened and at once closed) until all are free; the old context never takes
 * them again.
 */
export async function waitForOpfsHandover(dirName: string, timeoutMs = 15_000): Promise<void> {
  const root = await navigator.storage.getDirectory();
  let dir: FileSystemDirectoryHandle;
  try {
    dir = await root.getDirectoryHandle(dirName);
  } catch {
    await holdOwnerLock(dirName, timeoutMs);
    return; // First visit: nothing to hand over.
  }
  const deadline = Date.now() + timeoutMs;
  // The usual case, fast: once the owner lock is ours the old worker is gone, and its handles with
  // it; one free file confirms that. Scanning every file (about a thousand) costs most of a second.
  if ((await holdOwnerLock(dirName, timeoutMs)) && !(await firstFileBusy(dir))) return;
  for (;;) {
    const busy = await firstBusyFile(dir);
    if (!busy) return;
    if (Date.now() > deadline) throw new Error(`local database file ${busy} is still held by another tab's worker`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Takes, for the rest of this worker's life, the lock that says "this context owns the OPFS
 * files". The browser releases it only when the holder's context ends. Returns false if another
 * context still held it after `timeoutMs`.
 */
async function holdOwnerLock(dirName: string, timeoutMs: number): Promise<boolean> {
  const locks = navigator.locks;
  if (!locks) return false;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    void locks.request(`chorus-opfs-owner:${dirName}`, () => {
      clearTimeout(timer);
      resolve(true);
      return new Promise<never>(() => {}); // held until the worker ends
    });
  });
}

/** Whether the first file found (depth first) is still held by another context. */
async function firstFileBusy(dir: FileSystemDirectoryHandle): Promise<boolean> {
  const file = await firstFile(dir);
  return file ? (await isBusy(file, file.name)) !== undefined : false;
}

async function firstFile(dir: FileSystemDirectoryHandle): Promise<FileSystemFileHandle | undefined> {
  const entries = (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
  for await (const [, handle] of entries) {
    const found = handle.kind === 'file' ? (handle as FileSystemFileHandle) : await firstFile(handle as FileSystemDirectoryHandle);
    if (found) return found;
  }
  return undefined;
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
