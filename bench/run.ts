/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and
 * prints their figures. Benchmarks report; they never assert.
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, '')} ==`);
  const proc = Bun.spawn([process.execPath, `${dir}${file}`], { stdout: 'inherit', stderr: 'inherit' });
  if ((await proc.exited) !== 0) {
    failed++;
    console.log(`(${file} failed)`);
  }
}
console.log(`\nmachine: ${navigator.hardwareConcurrency} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${process.platform}/${process.arch}, bun ${Bun.version}`);
process.exit(failed ? 1 : 0);
