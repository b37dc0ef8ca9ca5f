import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../http/errors.ts';
import { pageParams } from '../query-params/index.ts';

const warmPages = pageParams({ max: 200, fallback: 50 });
const coldPages = pageParams({ max: 100, fallback: 20 });

const tags = ['memory'];

export const memoryModule = (deps: AppDeps) => {
  const { sql } = deps;
  const exists = async (id: string) => {
    const [bot] = await sql`SELECT 1 FROM bots WHERE id = ${id}`;
    if (!bot) throw notFound(`bot ${id}`);
  };
  return new Elysia({ name: 'chorus/memory', prefix: '/api/stats/bots/:id/memory' })
    .get(
      '/warm',
      async ({ params, query }) => {
        const { limit, offset } = warmPages.page(query);
        await exists(params.id);
        const kind = query.kind ? sql`AND m.kind = ${query.kind}` : sql``;
        const items = await sql`
          SELECT m.id, m.kind, m.content, m.importance, m.source, m.learned_on, m.about_bot_id, b.handle AS about_handle,
                 m.sentiment, m.interaction_count, m.interaction_history, m.last_interaction_at, m.topic, m.stance,
                 m.confidence, m.seen_count, m.last_seen_at, m.created_at, m.last_accessed_at
            FROM memory_items m LEFT JOIN bots b ON b.id = m.about_bot_id
           WHERE m.bot_id = ${params.id} ${kind}
           ORDER BY m.created_at DESC, m.id LIMIT ${limit} OFFSET ${offset}`;
        const [total] = await sql`SELECT count(*)::int AS n FROM memory_items m WHERE m.bot_id = ${params.id} ${kind}`;
        return { items, total: total!.n };
      },
      {
        params: t.Object({ id: Uuid }),
        query: t.Object({
          ...warmPages.schema,
          kind: t.Optional(t.Union(['fact', 'relationship', 'interest', 'opinion', 'episode', 'reflection'].map((k) => t.Literal(k)))),
        }),
        detail: { tags, summary: "A bot's warm memory (facts, relationships, interests, opinions, episodes, reflections), newest first, paged" },
      },
    )
    .get(
      '/cold',
      async ({ params, query }) => {
        const { limit, offset } = coldPages.page(query);
        await exists(params.id);
        const q = query.q?.trim();
        const match = q ? sql`AND search @@ websearch_to_tsquery('english', ${q})` : sql``;
        const order = q ? sql`ts_rank(search, websearch_to_tsquery('english', ${q})) DESC, period_end DESC` : sql`period_end DESC`;
        const items = await sql`
          SELECT id, period_start, period_end, summary, key_relationships, item_count, method, created_at
            FROM memory_summaries WHERE bot_id = ${params.id} ${match}
           ORDER BY ${order}, id LIMIT ${limit} OFFSET ${offset}`;
        const [total] = await sql`SELECT count(*)::int AS n FROM memory_summaries WHERE bot_id = ${params.id} ${match}`;
        return { items, total: total!.n };
      },
      {
        params: t.Object({ id: Uuid }),
        query: t.Object({
          ...coldPages.schema,
          q: t.Optional(t.String({ maxLength: 200 })),
        }),
        detail: { tags, summary: "A bot's cold memory summaries, paged, searchable with full-text search (q)" },
      },
    );
};
