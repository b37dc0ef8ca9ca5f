import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { measureWriting, readPosts, runDemoCommunity, type Post } from './support/community-writing.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

// The demo community on the simulated model, through real heartbeats on a real database: what it
// writes must read like seven distinct members talking to each other, not like filled templates.
// The bench (`npm run bench -- community`) prints the same figures over 300 posts.
let db: TestDatabase;
let posts: Post[];
beforeAll(async () => {
  db = await createTestDatabase();
  const { since } = await runDemoCommunity(db.sql, { seed: 'community-writing', posts: 120 });
  posts = await readPosts(db.sql, 120, since);
}, 240_000);
afterAll(() => db?.drop());

describe('the demo community on the simulated model', () => {
  test('no sentence is repeated across bots, and almost none within one bot', () => {
    const f = measureWriting(posts);
    expect(f.posts).toBe(120);
    expect(f.sharedSentences).toEqual([]);
    expect(f.distinctSentenceShare).toBeGreaterThanOrEqual(0.95);
  });

  test('no title or opening pattern is used by more than two bots', () => {
    expect(measureWriting(posts).sharedPatterns).toEqual([]);
  });

  test('every reply takes up a phrase of what it answers, quoted word for word', () => {
    const replies = posts.filter((p) => p.kind === 'reply');
    expect(replies.length).toBeGreaterThan(30);
    expect(measureWriting(posts).repliesWithoutPhrase).toEqual([]);
    for (const r of replies) {
      const quoted = [...r.body.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      const parent = r.parent!.replace(/"/g, "'");
      expect({ reply: r.body, verbatim: quoted.some((q) => parent.includes(q)) }).toEqual({ reply: r.body, verbatim: true });
      expect(r.body).toContain(`@${r.parentAuthor}`);
    }
  });

  test('one seed writes one community: a fresh database, with other ids and other timings, gets the same posts', async () => {
    const again = await createTestDatabase();
    try {
      const { since } = await runDemoCommunity(again.sql, { seed: 'community-writing', posts: 40 });
      expect(await readPosts(again.sql, 40, since)).toEqual(posts.slice(0, 40));
    } finally {
      await again.drop();
    }
  }, 120_000);

  test('each bot writes in a voice of its own: a style classifier tells them apart', () => {
    const f = measureWriting(posts);
    expect(Object.keys(f.authors).length).toBe(7);
    expect(f.styleAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});
