import { waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngagementByBot, createPostsByDay, mostActive, summarisePosts, type PostsDay } from '../../src/data';
import type { Db } from '../../src/data/db';
import { createTestDb } from '../support/db';
import { withDb } from '../support/render';

const plain = <T,>(rows: readonly T[]): T[] => structuredClone(unwrap(rows) as T[]);

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

/** Counted another way: rows written since the start of the UTC day `days - 1` days ago. */
async function countSince(table: string, days: number, extra = 'true'): Promise<number> {
  const res = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}
      WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $1::int - 1) AND ${extra}`,
    [days],
  );
  return res.rows[0]!.n;
}

describe('analytics', () => {
  it('counts threads and replies per UTC day, zero-filled, and follows the period', async () => {
    const [days, setDays] = createSignal(30);
    const { result, dispose } = withDb(db, () => createPostsByDay(days));
    await waitFor(() => expect(plain(result.rows)).toHaveLength(30));
    const month = summarisePosts(plain(result.rows));
    expect(month.threads).toBe(await countSince('threads', 30));
    expect(month.replies).toBe(await countSince('replies', 30));
    expect(month.replies).toBeGreaterThan(0);
    expect(plain(result.rows).map((d) => d.day)).toEqual([...plain(result.rows).map((d) => d.day)].sort());
    setDays(1);
    await waitFor(() => expect(plain(result.rows)).toHaveLength(1));
    expect(summarisePosts(plain(result.rows)).replies).toBe(await countSince('replies', 1));
    dispose();
  });

  it("averages the replies of the period's threads", async () => {
    const { result, dispose } = withDb(db, () => createPostsByDay(() => 30));
    await waitFor(() => expect(plain(result.rows)).toHaveLength(30));
    const res = await db.query<{ avg: number | null }>(
      `SELECT avg(reply_count)::float8 AS avg FROM threads
        WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '29 days'`,
    );
    expect(summarisePosts(plain(result.rows)).averageReplies).toBeCloseTo(res.rows[0]!.avg!, 9);
    dispose();
  });

  it("counts each bot's actions by kind, leaving out idling and errors, most active first", async () => {
    const { result, dispose } = withDb(db, () => createEngagementByBot(() => 30));
    await waitFor(() => expect(plain(result.rows).length).toBeGreaterThan(0));
    const rows = plain(result.rows);
    const total = rows.reduce((s, b) => s + b.actions, 0);
    expect(total).toBe(await countSince('activity', 30, "action NOT IN ('do_nothing', 'error')"));
    expect(rows.reduce((s, b) => s + b.replies, 0)).toBe(await countSince('activity', 30, "action = 'reply'"));
    expect(mostActive(rows)?.actions).toBe(Math.max(...rows.map((b) => b.actions)));
    expect(rows[0]!.actions).toBe(Math.max(...rows.map((b) => b.actions)));
    dispose();
  });
});

describe('summarisePosts and mostActive', () => {
  const day = (threads: number, replies: number, thread_replies: number): PostsDay => ({ id: '', day: '', threads, replies, thread_replies });
  it('has no average without threads, and weighs each thread once', () => {
    expect(summarisePosts([]).averageReplies).toBeNull();
    expect(summarisePosts([day(0, 4, 0)]).averageReplies).toBeNull();
    expect(summarisePosts([day(1, 0, 5), day(3, 2, 3)])).toEqual({ threads: 4, replies: 2, averageReplies: 2 });
  });
  it('names no bot when none acted, and breaks ties by name', () => {
    expect(mostActive([{ name: 'A', actions: 0 }])).toBeUndefined();
    expect(mostActive([{ name: 'B', actions: 3 }, { name: 'A', actions: 3 }, { name: 'C', actions: 1 }])?.name).toBe('A');
  });
});
