import type { Accessor } from 'solid-js';
import { useDb } from './db';
import type { BotId, ThreadId } from './ids';
import { createLiveQuery, type LiveRows } from './live-query';

export type SearchKind = 'thread' | 'reply' | 'memory' | 'summary';

export interface SearchHit {
  /** `${kind}:${id}`, unique across kinds. */
  id: string;
  kind: SearchKind;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  /** The thread a thread or reply hit belongs to. */
  thread_id: ThreadId | null;
  /** The thread's title for posts; the memory kind or period for memory. */
  title: string;
  /** The matching words between « and » (see format/highlight). */
  excerpt: string;
  created_at: Date;
  rank: number;
}

/** At most this many hits of each kind: a search is for finding, not for reading everything. */
export const HITS_PER_KIND = 25;

/**
 * Everything the community wrote or remembers that matches the words: threads, replies, a bot's
 * memory items and its summaries, best match first within each kind. The English full-text
 * configuration is the server's, so the dashboard finds what the API finds. Replies carry no
 * search vector locally; their bodies are short and matched as they are read.
 */
export function createSearch(words: Accessor<string>): LiveRows<SearchHit> {
  const db = useDb();
  return createLiveQuery<SearchHit>(db, () => {
    const q = words().trim();
    if (!q) return undefined;
    return {
      sql: `WITH p AS (SELECT websearch_to_tsquery('english', $1) AS tsq, $2::int AS lim),
                 hits AS (
              (SELECT 'thread' AS kind, t.id, t.bot_id, t.id AS thread_id, t.title,
                      ts_headline('english', t.body, p.tsq, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12') AS excerpt,
                      t.created_at, ts_rank(t.search, p.tsq) AS rank
                 FROM p, threads t WHERE t.search @@ p.tsq ORDER BY rank DESC, t.created_at DESC LIMIT (SELECT lim FROM p))
              UNION ALL
              (SELECT 'reply', r.id, r.bot_id, r.thread_id, t.title,
                      ts_headline('english', r.body, p.tsq, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12'),
                      r.created_at, ts_rank(to_tsvector('english', r.body), p.tsq) AS rank
                 FROM p, replies r JOIN threads t ON t.id = r.thread_id
                WHERE to_tsvector('english', r.body) @@ p.tsq ORDER BY rank DESC, r.created_at DESC LIMIT (SELECT lim FROM p))
              UNION ALL
              (SELECT 'memory', m.id, m.bot_id, NULL::uuid, coalesce(m.topic, m.kind),
                      ts_headline('english', m.content, p.tsq, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12'),
                      m.created_at, ts_rank(m.search, p.tsq) AS rank
                 FROM p, memory_items m WHERE m.search @@ p.tsq ORDER BY rank DESC, m.created_at DESC LIMIT (SELECT lim FROM p))
              UNION ALL
              (SELECT 'summary', s.id, s.bot_id, NULL::uuid, 'Memory summary',
                      ts_headline('english', s.summary, p.tsq, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12'),
                      s.period_end, ts_rank(s.search, p.tsq) AS rank
                 FROM p, memory_summaries s WHERE s.search @@ p.tsq ORDER BY rank DESC, s.period_end DESC LIMIT (SELECT lim FROM p)))
            SELECT h.kind || ':' || h.id AS id, h.kind, h.bot_id, b.name AS bot_name, b.avatar_color,
                   h.thread_id, h.title, h.excerpt, h.created_at, h.rank
              FROM hits h JOIN bots b ON b.id = h.bot_id
             ORDER BY h.kind, h.rank DESC, h.created_at DESC`,
      params: [q, HITS_PER_KIND],
    };
  });
}
