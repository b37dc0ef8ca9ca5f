/**
 * Resident memory of the server processes, read from /proc/<pid>/status (VmRSS) every few
 * seconds. A process that was killed and restarted is the same role: its peak is the role's peak.
 */
import { readFile } from 'node:fs/promises';

export interface MemorySampler {
  /** Highest VmRSS seen per role, in MiB. */
  peaks(): Record<string, number>;
  samples(): number;
  stop(): void;
}

export async function rssMiB(pid: number): Promise<number | null> {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // between a kill and its restart
  }
}

export function sampleMemory(pids: () => Record<string, number | undefined>, everyMs = 2000): MemorySampler {
  const peak: Record<string, number> = {};
  let count = 0;
  const timer = setInterval(async () => {
    for (const [role, pid] of Object.entries(pids())) {
      if (!pid) continue;
      const mib = await rssMiB(pid);
      if (mib === null) continue;
      count++;
      peak[role] = Math.max(peak[role] ?? 0, mib);
    }
  }, everyMs);
  return {
    peaks: () => ({ ...peak }),
    samples: () => count,
    stop: () => clearInterval(timer),
  };
}
