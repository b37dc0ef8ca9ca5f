/**
 * A ShapeStorage that fails on command: it wraps a real one (memory or sqlite) and, while armed,
 * throws the error sqlite gives on a full disk from every write, after letting `allow` writes
 * through (so a batch can fail half-way, as it does when the disk fills mid-transaction).
 */
import type { ShapeStorage } from '../../src/storage/index.ts';

export interface FailingStorage extends ShapeStorage {
  /** Fail every write from now on, after `allow` more succeed. */
  fail(allow?: number): void;
  heal(): void;
  readonly failures: number;
}

const WRITES = ['setMeta', 'createShape', 'putSnapshotChunk', 'markReady', 'deleteShape', 'deleteAllShapes', 'append'] as const;

export function failingStorage(inner: ShapeStorage): FailingStorage {
  let armed = false;
  let allow = 0;
  let failures = 0;
  const guard = () => {
    if (!armed) return;
    if (allow > 0) return void allow--;
    failures++;
    throw new Error('database or disk is full');
  };
  const s = { ...inner } as FailingStorage;
  for (const name of WRITES) {
    const real = inner[name] as (...a: unknown[]) => unknown;
    (s as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
      guard();
      return real(...a);
    };
  }
  s.fail = (n = 0) => {
    armed = true;
    allow = n;
  };
  s.heal = () => void (armed = false);
  // A getter, not a copied value: tests poll it.
  Object.defineProperty(s, 'failures', { get: () => failures });
  return s;
}
