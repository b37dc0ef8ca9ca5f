import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId } from './ids';

export type MemoryKind = 'fact' | 'relationship' | 'interest' | 'opinion' | 'episode' | 'reflection';
export const MEMORY_KINDS: readonly MemoryKind[] = ['fact', 'relationship', 'interest', 'opinion', 'episode', 'reflection'];

export interface Page {
  page: number;
  pageSize: number;
}

export interface WarmMemoryItem {
  id: string;
  kind: MemoryKind;
  content: string;
  importance: number;
  source: string | null;
  learned_on: string | null;
  about_bot_name: string | null;
  sentiment: number | null;
  interaction_count: number;
  topic: string | null;
  stance: string | null;
  confidence: number | null;
  created_at: Date;
  /** Rows matching the filter across all pages. */
  total: number;
}

/** Warm memory, newest first, one page at a time, optionally of one kind. */
export function createWarmMemory(
  botId: Accessor<BotId | undefined>,
  options: Accessor<Page & { kind?: MemoryKind | undefined }>,
): LiveRows<WarmMemoryItem> {
  const db = useDb();
  return createLiveQuery<WarmMemoryItem>(db, () => {
    const id = botId();
    if (!id) return undefined;
    const o = options();
    return {
      sql: `SELECT m.id, m.kind, m.content, m.importance, m.source, to_char(m.learned_on, 'YYYY-MM-DD') AS learned_on,
                   about.name AS about_bot_name, m.sentiment, m.interaction_count, m.topic, m.stance,
                   m.confidence, m.created_at, count(*) OVER ()::int AS total
              FROM memory_items m LEFT JOIN bots about ON about.id = m.about_bot_id
             WHERE m.bot_id = $1 AND m.kind = coalesce($2::text, m.kind)
             ORDER BY m.created_at DESC, m.id
             LIMIT $3 OFFSET $4`,
      params: [id, o.kind ?? null, o.pageSize, (o.page - 1) * o.pageSize],
    };
  });
}

export interface ColdMemoryItem {
  id: string;
  period_start: Date;
  period_end: Date;
  summary: string;
  item_count: number;
  method: 'llm' | 'fallback';
  /** Highlighted excerpt when searching, else null. */
  headline: string | null;
  total: number;
}

/**
 * Cold memory (summaries), newest first; with a search, the best matches first. Uses the same
 * English full-text configuration as the server so results agree with the API's.
 */
export function createColdMemory(
  botId: Accessor<BotId | undefined>,
  options: Accessor<Page & { search?: string }>,
): LiveRows<ColdMemoryItem> {
  const db = useDb();
  return createLiveQuery<ColdMemoryItem>(db, () => {
    const id = botId();
    if (!id) return undefined;
    const o = options();
    const search = o.search?.trim() ?? '';
    return {
      sql: `WITH p0 AS (SELECT $1::uuid AS bot, $2::text AS q, $3::int AS lim, $4::int AS skip),
                 p AS (SELECT *, websearch_to_tsquery('english', q) AS tsq FROM p0)
            SELECT s.id, s.period_start, s.period_end, s.summary, s.item_count, s.method,
                   CASE WHEN p.q = '' THEN NULL
                        ELSE ts_headline('english', s.summary, p.tsq, 'StartSel=«, StopSel=», MaxFragments=2') END AS headline,
                   count(*) OVER ()::int AS total
              FROM p, memory_summaries s
             WHERE s.bot_id = p.bot AND (p.q = '' OR s.search @@ p.tsq)
             ORDER BY CASE WHEN p.q = '' THEN 0 ELSE ts_rank(s.search, p.tsq) END DESC, s.period_end DESC, s.id
             LIMIT (SELECT lim FROM p) OFFSET (SELECT skip FROM p)`,
      params: [id, search, o.pageSize, (o.page - 1) * o.pageSize],
    };
  });
}
