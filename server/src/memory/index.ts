import type { Applied } from '../bots/apply.ts';
import type { Sql } from '../db/client.ts';
import type { LlmClient } from '../llm/client.ts';
import { meteredCall } from '../llm/metered.ts';
import { SIM_PROVIDER } from '../llm/providers.ts';
import type { Logger } from '../log.ts';
import { COLD_AFTER_DAYS, COMPRESS_BATCH, MEMORY_MAX_TOKENS, REFLECTION_IMPORTANCE, WARM_LIMITS, type WarmKind } from './constants.ts';
import { remember } from './remember.ts';
import { retrieveWarm } from './retrieval.ts';
import { memoryPrompt, readExtraction, readInsights, readSummary, type MemoryTask } from './tasks.ts';

export { retrieveWarm } from './retrieval.ts';
export { recordInteraction } from './relationships.ts';
export { remember, type NewMemory } from './remember.ts';

export interface MemoryDeps {
  sql: Sql;
  llm: LlmClient;
  log: Logger;
  /** CHORUS_MEMORY_MODEL: a cheaper model on the bot's provider, when set. */
  memoryModel: string | null;
}

interface BotModel {
  id: string;
  handle: string;
  interests: string[];
  provider: string;
  model: string;
  memory_model: string | null;
}

/** Which model does a bot's memory work: its own setting, the global one, or its action model. */
export function memoryModelFor(bot: Pick<BotModel, 'provider' | 'model' | 'memory_model'>, globalMemoryModel: string | null): string {
  if (bot.memory_model) return bot.memory_model;
  if (bot.provider === SIM_PROVIDER) return 'chorus-sim-mini';
  return globalMemoryModel ?? bot.model;
}

export function createMemory(deps: MemoryDeps) {
  const { sql, log } = deps;

  const loadBot = async (botId: string) => {
    const [bot] = await sql<BotModel[]>`SELECT id, handle, interests, provider, model, memory_model FROM bots WHERE id = ${botId}`;
    return bot ?? null;
  };

  const ask = (bot: BotModel, heartbeatId: string | null, purpose: 'memory_extraction' | 'summary' | 'reflection', task: MemoryTask) =>
    meteredCall(
      sql,
      deps.llm,
      { botId: bot.id, heartbeatId, purpose, provider: bot.provider, model: memoryModelFor(bot, deps.memoryModel) },
      { messages: memoryPrompt(task), temperature: 0.3, maxTokens: MEMORY_MAX_TOKENS },
    );

  /**
   * After an action: what is worth remembering is merged into warm memory (memory/remember.ts),
   * with what the bot already knows in the prompt so the model can say "nothing new".
   */
  async function extract(bot: BotModel, heartbeatId: string, applied: Applied): Promise<number> {
    const text = typeof applied.details.excerpt === 'string' ? applied.details.excerpt : typeof applied.details.title === 'string' ? applied.details.title : undefined;
    const known = await sql<{ kind: string; content: string }[]>`
      SELECT kind, content FROM memory_items WHERE bot_id = ${bot.id} AND kind IN ('fact', 'interest', 'opinion')
       ORDER BY last_seen_at DESC LIMIT 20`;
    const out = await ask(bot, heartbeatId, 'memory_extraction', {
      task: 'extract',
      bot: { handle: bot.handle, interests: bot.interests },
      action: { type: applied.action, summary: applied.summary, ...(text ? { text } : {}) },
      known: known.map((k) => ({ kind: k.kind, content: k.content.slice(0, 200) })),
    });
    if (!out.ok) {
      log.debug('memory extraction skipped', { bot: bot.handle, reason: out.message });
      return 0;
    }
    const items = readExtraction(out.result.answer.content);
    for (const i of items) await remember(sql, bot.id, i);
    return items.length;
  }

  /**
   * Folds the oldest warm items into one cold summary when there are too many or they are older
   * than COLD_AFTER_DAYS. The summary is written and the items deleted in one transaction; if the
   * model fails (or the budget is spent), a plain summary is written instead, so nothing is lost.
   */
  async function compress(botId: string): Promise<{ summarised: number; method: 'llm' | 'fallback' } | null> {
    const bot = await loadBot(botId);
    if (!bot) return null;
    // The kind furthest over its bound goes first; items not seen for COLD_AFTER_DAYS go anyway.
    const counts = await sql<{ kind: WarmKind; n: number; stale: number }[]>`
      SELECT kind, count(*)::int AS n,
             count(*) FILTER (WHERE last_seen_at < now() - make_interval(days => ${COLD_AFTER_DAYS}))::int AS stale
        FROM memory_items WHERE bot_id = ${botId} AND kind <> 'relationship' GROUP BY kind`;
    const over = counts
      .map((c) => ({ ...c, excess: c.n - (WARM_LIMITS[c.kind] ?? 0) }))
      .filter((c) => c.excess > 0)
      .sort((a, b) => b.excess - a.excess)[0];
    const anyStale = counts.some((c) => c.stale > 0);
    if (!over && !anyStale) return null;
    const batch = await sql<{ id: string; kind: string; content: string; created_at: Date }[]>`
      SELECT id, kind, content, created_at FROM memory_items WHERE bot_id = ${botId} AND kind <> 'relationship'
         AND ${over ? sql`kind = ${over.kind}` : sql`last_seen_at < now() - make_interval(days => ${COLD_AFTER_DAYS})`}
       ORDER BY last_seen_at, created_at, id LIMIT ${COMPRESS_BATCH}`;
    if (!batch.length) return null;

    const out = await ask(bot, null, 'summary', {
      task: 'summarise',
      bot: { handle: bot.handle },
      items: batch.map((b) => ({ kind: b.kind, content: b.content.slice(0, 400), at: b.created_at.toISOString() })),
    });
    const read = out.ok ? readSummary(out.result.answer.content) : null;
    const relationships = await sql<{ handle: string; sentiment: number | null; interaction_count: number }[]>`
      SELECT b.handle, m.sentiment, m.interaction_count FROM memory_items m JOIN bots b ON b.id = m.about_bot_id
       WHERE m.bot_id = ${botId} AND m.kind = 'relationship' ORDER BY m.interaction_count DESC LIMIT 5`;
    const method: 'llm' | 'fallback' = read ? 'llm' : 'fallback';
    const summary = read?.summary ?? fallbackSummary(batch);
    const keyHandles = read?.keyRelationships.length ? read.keyRelationships : relationships.slice(0, 3).map((r) => r.handle);
    const key = keyHandles.map((h) => {
      const r = relationships.find((x) => x.handle === h);
      return { handle: h, sentiment: r?.sentiment ?? null, interactions: r?.interaction_count ?? null };
    });

    const ids = batch.map((b) => b.id);
    const done = await sql.begin(async (tx) => {
      // Serialise compressions of one bot; items already taken by another run are not summarised twice.
      await tx`SELECT pg_advisory_xact_lock(hashtext(${`chorus:compress:${botId}`}))`;
      const deleted = await tx<{ id: string; created_at: Date }[]>`DELETE FROM memory_items WHERE id = ANY(${ids}::uuid[]) RETURNING id, created_at`;
      if (!deleted.length) return 0;
      const times = deleted.map((d) => d.created_at.getTime());
      await tx`INSERT INTO memory_summaries (bot_id, period_start, period_end, summary, key_relationships, item_count, method)
               VALUES (${botId}, ${new Date(Math.min(...times))}, ${new Date(Math.max(...times))}, ${summary},
                       ${tx.json(key as never)}, ${deleted.length}, ${method})`;
      return deleted.length;
    });
    if (!done) return null;
    log.info('memory compressed', { bot: bot.handle, items: done, method });
    return { summarised: done, method };
  }

  /** When enough important things have happened since the last reflection, write insights. */
  async function reflect(botId: string): Promise<number> {
    const bot = await loadBot(botId);
    if (!bot) return 0;
    const recent = await sql<{ kind: string; content: string; importance: number }[]>`
      SELECT m.kind, m.content, m.importance FROM memory_items m JOIN bots b ON b.id = m.bot_id
       WHERE m.bot_id = ${botId} AND m.kind NOT IN ('reflection', 'relationship')
         AND m.created_at > coalesce(b.last_reflection_at, '-infinity')
       ORDER BY m.importance DESC LIMIT 30`;
    const total = recent.reduce((s, r) => s + r.importance, 0);
    if (total < REFLECTION_IMPORTANCE) return 0;
    const out = await ask(bot, null, 'reflection', {
      task: 'reflect',
      bot: { handle: bot.handle, interests: bot.interests },
      items: recent.map((r) => ({ kind: r.kind, content: r.content.slice(0, 300), importance: r.importance })),
    });
    const insights = out.ok ? readInsights(out.result.answer.content) : [];
    if (!insights.length) return 0; // try again after the next memories
    await sql.begin(async (tx) => {
      for (const text of insights) await remember(tx, botId, { kind: 'reflection', content: text, importance: 0.8 });
      await tx`UPDATE bots SET last_reflection_at = now() WHERE id = ${botId}`;
    });
    log.info('bot reflected', { bot: bot.handle, insights: insights.length });
    return insights.length;
  }

  return {
    warmLoader: (botId: string, feedText: string) => retrieveWarm(sql, botId, feedText),
    extract,
    compress,
    reflect,
    /** Memory work after a heartbeat; failures are logged and never undo the heartbeat. */
    async afterHeartbeat(botId: string, heartbeatId: string, applied: Applied): Promise<void> {
      try {
        const bot = await loadBot(botId);
        if (!bot) return;
        if (worthRemembering(applied)) {
          await extract(bot, heartbeatId, applied);
        }
        await reflect(botId);
        await compress(botId);
      } catch (e) {
        log.warn('memory work failed', { bot: botId, error: e as Error });
      }
    },
  };
}

export type Memory = ReturnType<typeof createMemory>;

/**
 * Whether an action leaves anything to remember: not an error, not a skipped heartbeat, and not
 * an action that failed (a web search that did not run taught nothing, so it is never a fact).
 */
export function worthRemembering(applied: Applied): boolean {
  if (applied.action === 'error') return false;
  if (applied.action === 'do_nothing' && (applied.details.skipped || applied.details.invalid || applied.details.refused)) return false;
  return !('error' in applied.details);
}

/** A summary written without a model: what was there, by kind, with the first words of each. */
export function fallbackSummary(items: { kind: string; content: string; created_at: Date }[]): string {
  const times = items.map((i) => i.created_at.getTime());
  const from = new Date(Math.min(...times)).toISOString().slice(0, 10);
  const to = new Date(Math.max(...times)).toISOString().slice(0, 10);
  const byKind = new Map<string, string[]>();
  for (const i of items) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i.content]);
  const parts = [...byKind.entries()].map(([kind, contents]) => {
    const shown = contents.slice(0, 4).map((c) => (c.length > 80 ? `${c.slice(0, 79)}…` : c));
    return `${contents.length} ${kind}${contents.length === 1 ? '' : 's'} (${shown.join('; ')}${contents.length > 4 ? '; …' : ''})`;
  });
  return `From ${from} to ${to} I kept ${items.length} memories: ${parts.join('; ')}.`;
}
