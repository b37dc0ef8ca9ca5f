import { cpus, totalmem } from 'node:os';
import type { SoakReport } from './soak.ts';

/** The table every soak prints: what was tried, how many times, what held; then the rows that differ. */
export function printSoakSummary(report: SoakReport): void {
  console.table(report.rows.map((r) => ({ check: r.what, tried: r.tried, held: r.failures.length ? `NO (${r.failures.length})` : 'yes' })));
  console.table(Object.entries(report.figures).map(([figure, value]) => ({ figure, value })));
  for (const r of report.rows) {
    if (!r.failures.length) continue;
    console.log(`\n${r.what}: ${r.failures.length} differences`);
    for (const f of r.failures.slice(0, 20)) console.log(`  ${f}`);
    if (r.failures.length > 20) console.log(`  … and ${r.failures.length - 20} more`);
  }
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}, Bun ${Bun.version}`;
}

/** The "## Soak" section of docs/reliability.md. */
export function soakSection(report: SoakReport, command: string, seed: number, setup: string): string {
  return [
    '## Soak',
    '',
    setup,
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}: \`${command}\`, seed ${seed}, ${report.seconds} s in all.`,
    `${report.failures} differences. Held = after the run settled, the check found no row that differs.`,
    '',
    '| check | tried | held |',
    '|---|---|---|',
    ...report.rows.map((r) => `| ${r.what} | ${r.tried} | ${r.failures.length ? `no (${r.failures.length})` : 'yes'} |`),
    '',
    '| figure | value |',
    '|---|---|',
    ...Object.entries(report.figures).map(([k, v]) => `| ${k} | ${String(v).replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}
