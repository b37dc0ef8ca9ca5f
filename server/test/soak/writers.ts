/**
 * People editing configuration from their dashboards: each PGlite client owns a few bots (and the
 * first one the global settings), so the last value it queued for a field is the value Postgres
 * must end with. Clients go offline now and then and keep editing; the queue drains when they
 * come back.
 */
import { applyLocalMutation } from '@chorus/sync/src/outbox/index.ts';
import type { Mutation } from '@chorus/sync/src/mutations/index.ts';
import type { DashboardClient } from './pglite-clients.ts';
import type { Rng } from '../../src/llm/sim/random.ts';

type NewMutation = Mutation extends infer M ? (M extends { id: string } ? Omit<M, 'id'> : never) : never;

export interface QueuedMutation {
  id: string;
  client: number;
  type: string;
  offline: boolean;
}

/** table|pk|column → the value the last queued mutation gave it. */
export type Expected = Map<string, { table: 'bots' | 'settings'; pk: string; column: string; value: unknown; mutation: string }>;

export interface WriterOptions {
  clients: DashboardClient[];
  /** Bots each client may edit; capped bots never get new caps, so their cap check stays meaningful. */
  owned: string[][];
  capped: Set<string>;
  rng: Rng;
  everyMs: [number, number];
  offlineChance: number;
  offlineMs: [number, number];
  paceSeconds: [number, number];
  errors: string[];
}

export interface Writers {
  queued: QueuedMutation[];
  expected: Expected;
  offlineEpisodes: number;
  /** Stops writing and brings every client back online. */
  stop(): Promise<void>;
}

export function startWriters(o: WriterOptions): Writers {
  const queued: QueuedMutation[] = [];
  const expected: Expected = new Map();
  let stopped = false;
  let offlineEpisodes = 0;
  const r = o.rng;
  const between = ([a, b]: [number, number]) => a + Math.floor(r() * (b - a + 1));

  function pick(client: number): NewMutation {
    const bots = o.owned[client]!;
    const bot = bots[between([0, bots.length - 1])]!;
    const roll = r();
    if (client === 0 && roll < 0.15) {
      return r() < 0.6
        ? { type: 'settings.update', patch: { pace: 'custom', pace_custom_seconds: between(o.paceSeconds) } }
        : { type: 'settings.update', patch: { default_daily_token_cap: between([100_000_000, 900_000_000]) } };
    }
    if (roll < 0.55) {
      const patch: Record<string, unknown> = {};
      for (const field of ['creativity', 'skepticism', 'aggression', 'name', 'temperature'] as const) {
        if (r() >= 0.4) continue;
        patch[field] = field === 'name' ? `Soak ${client}-${queued.length}` : field === 'temperature' ? between([0, 150]) / 100 : between([0, 100]);
      }
      if (!Object.keys(patch).length) patch.creativity = between([0, 100]);
      return { type: 'bot.update_config', bot_id: bot, patch } as NewMutation;
    }
    if (roll < 0.75 && !o.capped.has(bot)) {
      return { type: 'bot.set_caps', bot_id: bot, caps: { daily_token_cap: r() < 0.3 ? null : between([1_000_000, 10_000_000]) } };
    }
    // Mostly unpaused, so the community keeps running.
    return { type: 'bot.set_paused', bot_id: bot, paused: r() < 0.3 };
  }

  function remember(id: string, m: NewMutation) {
    const set = (table: 'bots' | 'settings', pk: string, fields: Record<string, unknown>) => {
      for (const [column, value] of Object.entries(fields)) expected.set(`${table}|${pk}|${column}`, { table, pk, column, value, mutation: id });
    };
    if (m.type === 'bot.update_config') set('bots', m.bot_id, m.patch);
    else if (m.type === 'bot.set_caps') set('bots', m.bot_id, m.caps);
    else if (m.type === 'bot.set_paused') set('bots', m.bot_id, { paused: m.paused });
    else if (m.type === 'settings.update') set('settings', 'global', m.patch);
  }

  const loops = o.clients.map(async (c) => {
    let offlineUntil = 0;
    while (!stopped) {
      await Bun.sleep(between(o.everyMs));
      if (stopped) break;
      try {
        if (!c.online && Date.now() >= offlineUntil) await c.goOnline();
        else if (c.online && r() < o.offlineChance) {
          offlineEpisodes++;
          offlineUntil = Date.now() + between(o.offlineMs);
          await c.goOffline(r() < 0.5);
        }
        const m = pick(c.index);
        const offline = !c.online;
        const id = await applyLocalMutation(c.pg, m as Parameters<typeof applyLocalMutation>[1]);
        queued.push({ id, client: c.index, type: m.type, offline });
        remember(id, m);
      } catch (e) {
        o.errors.push(`client ${c.index}: could not queue a mutation: ${(e as Error).message}`);
      }
    }
    if (!c.online) await c.goOnline();
  });

  return {
    queued,
    expected,
    get offlineEpisodes() {
      return offlineEpisodes;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
