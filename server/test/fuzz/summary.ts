import type { FuzzRow } from './http-fuzz.ts';

/** The table every fuzz run prints: what was tried, how many times, what held. */
export function printSummary(rows: FuzzRow[]): void {
  console.table(
    rows.map((r) => ({
      target: r.target,
      tried: r.tried,
      refused: r.refused,
      accepted: r.accepted,
      held: r.failures.length === 0 ? 'yes' : `NO (${r.failures.length})`,
    })),
  );
  for (const r of rows) for (const f of r.failures.slice(0, 5)) console.log(`  ${r.target}: ${f}`);
}

export function totals(rows: FuzzRow[]) {
  return rows.reduce((t, r) => ({ tried: t.tried + r.tried, failures: t.failures + r.failures.length }), { tried: 0, failures: 0 });
}
