/**
 * What the demo community writes on the simulated model: 300 consecutive posts on one seed
 * (`CHORUS_SIM_SEED`, default "bench"), through the real heartbeat path on an embedded Postgres.
 * Prints repetition across sentences and bots, shared title and opening patterns, how many replies
 * take up a phrase of what they answer, and how well a simple style classifier tells the bots
 * apart. Targets: ≥ 95 % distinct sentences and none shared by two bots, no pattern used by more
 * than two bots, every reply sharing a phrase with its parent, classifier ≥ 80 %.
 */
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { migrate, readMigrations } from '../server/src/db/migrate.ts';
import { silentLogger } from '../server/src/log.ts';
import { measureWriting, memoryRepeats, readPosts, runDemoCommunity } from '../server/test/support/community-writing.ts';
import { FAST_SETTINGS, freePort, tempDir } from '../server/test/support/postgres.ts';

const POSTS = Number(process.env.POSTS ?? 300);
const SEED = process.env.CHORUS_SIM_SEED ?? 'bench';
const dir = await tempDir('chorus-bench-');
const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'chorus', log: silentLogger, settings: FAST_SETTINGS });
const sql = createSql(pg.url, { max: 10 });
try {
  await migrate(sql, await readMigrations(), silentLogger);
  const started = performance.now();
  const run = await runDemoCommunity(sql, { seed: SEED, posts: POSTS });
  const seconds = (performance.now() - started) / 1000;
  const posts = await readPosts(sql, POSTS, run.since);
  const f = measureWriting(posts);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`seed "${SEED}": ${f.posts} posts (${f.threads} threads, ${f.replies} replies) in ${run.rounds} rounds, ${run.heartbeats} heartbeats, ${seconds.toFixed(1)} s`);
  console.log(`posts by bot: ${Object.entries(f.authors).map(([a, n]) => `${a} ${n}`).join(', ')}`);
  console.table([
    { figure: 'distinct sentences', value: `${pct(f.distinctSentenceShare)} of ${f.sentences}`, target: '≥ 95 %' },
    { figure: 'sentences used by > 1 bot', value: f.sharedSentences.length, target: 0 },
    { figure: 'title/opening patterns used by > 2 bots', value: f.sharedPatterns.length, target: 0 },
    { figure: 'replies sharing a content phrase with their parent', value: `${f.repliesSharingPhrase}/${f.replies}`, target: 'all' },
    { figure: 'style classifier accuracy (7 bots)', value: pct(f.styleAccuracy), target: '≥ 80 %' },
  ]);
  const m = await memoryRepeats(sql);
  console.log(`memory: ${m.items} warm items; ${m.extraCopies} extra copies in ${m.repeatedGroups} repeated items (worst ×${m.worstCopies}); ${m.failureFacts} facts that record a failure`);
  const show = <T>(label: string, xs: T[], fmt: (x: T) => string) => {
    if (!xs.length) return;
    console.log(`${label} (${xs.length}, first 16):`);
    for (const x of xs.slice(0, 16)) console.log(`  ${fmt(x)}`);
  };
  show('shared sentences', f.sharedSentences, (s) => `×${s.uses} ${JSON.stringify(s.sentence)} (${s.bots.join(', ')})`);
  show('most repeated sentences', f.repeatedSentences, (s) => `×${s.uses} ${JSON.stringify(s.sentence)} (${s.bots.join(', ')})`);
  show('shared patterns', f.sharedPatterns, (p) => `${p.where} "${p.pattern}" (${p.bots.join(', ')})`);
  show('replies without a phrase of their parent', f.repliesWithoutPhrase, (r) => `${JSON.stringify(r.reply.slice(0, 90))} ← ${JSON.stringify(r.parent.slice(0, 60))}`);
  // SHOW=n prints the first n posts, to read what the community wrote.
  for (const p of posts.slice(0, Number(process.env.SHOW ?? 0))) {
    console.log(`\n@${p.author} ${p.kind === 'thread' ? `started "${p.title}"` : `replied to @${p.parentAuthor}`}:\n${p.body}`);
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`);
} finally {
  await sql.end();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
