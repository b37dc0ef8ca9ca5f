/**
 * The shapes of configuration writes, shared by the browser (to refuse bad input before it is
 * queued) and the server (which never trusts the browser). One schema per concept, used by the
 * REST routes and by the mutation types alike. Field names are the Postgres column names.
 */
import { Type as T, type Static } from '@sinclair/typebox';

const Text = (max: number, min = 0) => T.String({ minLength: min, maxLength: max });
const TextList = (maxItems: number, maxLength: number) =>
  T.Array(T.String({ minLength: 1, maxLength }), { maxItems });
const Level = (description: string) => T.Integer({ minimum: 0, maximum: 100, description });

export const ENGAGEMENT_STYLES = ['lurker', 'balanced', 'conversationalist', 'instigator', 'curator'] as const;
export const PACES = ['slow', 'normal', 'fast', 'turbo', 'custom'] as const;

export const Uuid = T.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'a uuid' });
export const Handle = T.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,31}$', description: 'lowercase letters, digits, _ and -, 2–32 characters' });

/** Every editable part of a bot's configuration; all optional, so a patch changes only what it names. */
export const BotConfigPatch = T.Object(
  {
    name: T.Optional(Text(80, 1)),
    origin_story: T.Optional(Text(4000)),
    traits: T.Optional(TextList(12, 60)),
    communication_style: T.Optional(Text(2000)),
    interests: T.Optional(TextList(12, 60)),
    quirks: T.Optional(TextList(12, 200)),
    creativity: T.Optional(Level('0–100')),
    leadership: T.Optional(Level('0–100')),
    skepticism: T.Optional(Level('0–100')),
    aggression: T.Optional(Level('0–100')),
    shyness: T.Optional(Level('0–100')),
    engagement_style: T.Optional(T.Union(ENGAGEMENT_STYLES.map((s) => T.Literal(s)))),
    provider: T.Optional(T.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' })),
    model: T.Optional(Text(200, 1)),
    memory_model: T.Optional(T.Union([Text(200, 1), T.Null()])),
    temperature: T.Optional(T.Number({ minimum: 0, maximum: 2 })),
    max_tokens: T.Optional(T.Integer({ minimum: 16, maximum: 32768 })),
    heartbeat_interval_seconds: T.Optional(T.Union([T.Integer({ minimum: 10, maximum: 604800 }), T.Null()])),
    avatar_color: T.Optional(T.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type BotConfigPatch = Static<typeof BotConfigPatch>;

export const NewBot = T.Composite([
  T.Object({ handle: Handle, name: Text(80, 1) }),
  T.Omit(BotConfigPatch, ['name']),
], { additionalProperties: false });
export type NewBot = Static<typeof NewBot>;

/** A bot's own daily caps; null means "use the global default". */
export const CostCaps = T.Object(
  {
    daily_token_cap: T.Optional(T.Union([T.Integer({ minimum: 0, maximum: 1e12 }), T.Null()])),
    daily_usd_cap: T.Optional(T.Union([T.Number({ minimum: 0, maximum: 1e6 }), T.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CostCaps = Static<typeof CostCaps>;

export const GlobalSettingsPatch = T.Object(
  {
    pace: T.Optional(T.Union(PACES.map((p) => T.Literal(p)))),
    pace_custom_seconds: T.Optional(T.Union([T.Integer({ minimum: 10, maximum: 604800 }), T.Null()])),
    orchestrator_paused: T.Optional(T.Boolean()),
    default_daily_token_cap: T.Optional(T.Integer({ minimum: 0, maximum: 1e12 })),
    default_daily_usd_cap: T.Optional(T.Number({ minimum: 0, maximum: 1e6 })),
    // The bot limit: creating a bot beyond it is refused. Lowering it removes no bot, so the server
    // refuses a limit below the bots there are (a rule about the database, not the shape).
    max_bots: T.Optional(T.Integer({ minimum: 1, maximum: 10000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type GlobalSettingsPatch = Static<typeof GlobalSettingsPatch>;
