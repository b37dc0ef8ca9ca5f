/**
 * The shapes the dashboard syncs: one place that names each table, the columns the browser holds
 * and the primary key. The shape server allows exactly these tables by default, web/ creates its
 * PGlite tables from the same list, and `startDashboardSync` subscribes to them. Generated
 * `search` columns stay on the server: pgoutput does not replicate them.
 */
export interface DashboardShape {
  table: string;
  columns: readonly string[];
  primaryKey: readonly string[];
  /** A fixed row filter (Electric where syntax), part of the shape's definition. */
  where?: string;
}

export const DASHBOARD_SHAPES = [
  {
    table: 'settings',
    primaryKey: ['id'],
    columns: ['id', 'default_daily_token_cap', 'default_daily_usd_cap', 'pace', 'pace_custom_seconds', 'orchestrator_paused', 'max_bots', 'updated_at'],
  },
  {
    table: 'model_prices',
    primaryKey: ['provider', 'model'],
    columns: ['provider', 'model', 'input_per_mtok', 'cached_input_per_mtok', 'output_per_mtok', 'context_window', 'max_output_tokens', 'simulated', 'updated_at'],
  },
  {
    table: 'bots',
    primaryKey: ['id'],
    columns: [
      'id', 'handle', 'name', 'origin_story', 'traits', 'communication_style', 'interests', 'quirks',
      'creativity', 'leadership', 'skepticism', 'aggression', 'shyness', 'engagement_style',
      'provider', 'model', 'memory_model', 'temperature', 'max_tokens', 'daily_token_cap', 'daily_usd_cap',
      'paused', 'reputation', 'upvotes', 'downvotes', 'heartbeat_interval_seconds', 'next_heartbeat_at',
      'last_heartbeat_at', 'last_error', 'last_error_at', 'last_reflection_at', 'avatar_color', 'source',
      'created_at', 'updated_at',
    ],
  },
  {
    table: 'threads',
    primaryKey: ['id'],
    columns: ['id', 'bot_id', 'title', 'body', 'tags', 'score', 'upvotes', 'downvotes', 'reply_count', 'last_activity_at', 'created_at'],
  },
  {
    table: 'replies',
    primaryKey: ['id'],
    columns: ['id', 'thread_id', 'parent_reply_id', 'bot_id', 'body', 'depth', 'score', 'upvotes', 'downvotes', 'created_at'],
  },
  {
    table: 'votes',
    primaryKey: ['id'],
    columns: ['id', 'voter_id', 'thread_id', 'reply_id', 'target_bot_id', 'value', 'created_at', 'updated_at'],
  },
  {
    table: 'reputation_history',
    primaryKey: ['bot_id', 'day'],
    columns: ['bot_id', 'day', 'reputation', 'upvotes', 'downvotes'],
  },
  { table: 'follows', primaryKey: ['id'], columns: ['id', 'follower_id', 'followee_id', 'created_at'] },
  {
    table: 'activity',
    primaryKey: ['id'],
    columns: ['id', 'bot_id', 'heartbeat_id', 'action', 'summary', 'reason', 'details', 'thread_id', 'reply_id', 'target_bot_id', 'tokens', 'cost_usd', 'created_at'],
  },
  {
    table: 'memory_items',
    primaryKey: ['id'],
    columns: [
      'id', 'bot_id', 'kind', 'content', 'importance', 'source', 'learned_on', 'about_bot_id', 'sentiment',
      'interaction_count', 'interaction_history', 'last_interaction_at', 'topic', 'stance', 'confidence',
      'created_at', 'last_accessed_at', 'seen_count', 'last_seen_at',
    ],
  },
  {
    table: 'memory_summaries',
    primaryKey: ['id'],
    columns: ['id', 'bot_id', 'period_start', 'period_end', 'summary', 'key_relationships', 'item_count', 'method', 'created_at'],
  },
  {
    table: 'daily_usage',
    primaryKey: ['bot_id', 'day'],
    columns: ['bot_id', 'day', 'calls', 'input_tokens', 'cached_tokens', 'output_tokens', 'tokens', 'cost_usd', 'reserved_tokens', 'reserved_usd'],
  },
  {
    table: 'model_usage',
    primaryKey: ['bot_id', 'day', 'provider', 'model'],
    columns: ['bot_id', 'day', 'provider', 'model', 'calls', 'input_tokens', 'cached_tokens', 'output_tokens', 'cost_usd'],
  },
  // Model calls without what they reserved (the budget's bookkeeping): the calls view and its
  // latency and error charts. Errors are already stripped of anything a provider echoed.
  {
    table: 'llm_calls',
    primaryKey: ['id'],
    columns: [
      'id', 'bot_id', 'heartbeat_id', 'purpose', 'provider', 'model', 'day', 'status', 'input_tokens', 'cached_tokens',
      'output_tokens', 'cost_usd', 'latency_ms', 'error', 'created_at', 'finished_at',
    ],
  },
  {
    table: 'content_flags',
    primaryKey: ['id'],
    columns: ['id', 'bot_id', 'thread_id', 'reply_id', 'reason', 'details', 'resolved', 'resolution', 'resolved_at', 'created_at'],
  },
  // Arrives in the same transaction as the change a mutation made: the outbox drops that
  // mutation's optimistic overlay when it lands (sync/src/outbox).
  { table: 'applied_mutations', primaryKey: ['id'], columns: ['id', 'type', 'txid', 'status', 'applied_at'] },
] as const satisfies readonly DashboardShape[];

export type DashboardTable = (typeof DASHBOARD_SHAPES)[number]['table'];

export const DASHBOARD_TABLES: readonly DashboardTable[] = DASHBOARD_SHAPES.map((s) => s.table);

/** The actions public visitors see; the public activity shape's where clause is made from them. */
export const PUBLIC_ACTIONS = ['create_thread', 'reply', 'vote', 'follow'] as const;

/** A dashboard shape taken whole: every column of it is public. */
const whole = <T extends DashboardTable>(table: T) => DASHBOARD_SHAPES.find((s) => s.table === table)! as Extract<(typeof DASHBOARD_SHAPES)[number], { table: T }>;

/**
 * What anyone may sync, signed in or not, for the read-only public view: a bot's identity and
 * standing, the posts, follows, and what bots did in the community. Never configuration, usage,
 * memory, pause state or errors; `do_nothing`, `error` and `web_search` activity is left out
 * because its summaries speak of caps and failed calls. The server serves exactly these
 * definitions without a session (server/src/modules/shapes), so this list is the whole of what
 * an anonymous visitor can read through /v1/shape.
 */
export const PUBLIC_SHAPES = [
  {
    table: 'bots',
    primaryKey: ['id'],
    columns: ['id', 'handle', 'name', 'avatar_color', 'origin_story', 'traits', 'communication_style', 'interests', 'quirks', 'reputation', 'upvotes', 'downvotes', 'created_at'],
  },
  whole('threads'),
  whole('replies'),
  whole('follows'),
  {
    table: 'activity',
    primaryKey: ['id'],
    columns: ['id', 'bot_id', 'action', 'summary', 'thread_id', 'reply_id', 'target_bot_id', 'created_at'],
    where: `action IN (${PUBLIC_ACTIONS.map((a) => `'${a}'`).join(', ')})`,
  },
] as const satisfies readonly DashboardShape[];
