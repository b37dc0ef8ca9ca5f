/** Memory tunables, with units in their names. */

/** Warm items (relationships excluded) a bot keeps before the oldest are compressed: small, so an
 * hour at turbo pace (12 heartbeats) already yields cold summaries. */
export const WARM_ITEM_LIMIT = 12;
/** How many of the oldest items one compression folds into a cold summary. */
export const COMPRESS_BATCH = 6;
/** Warm items older than this are compressed whatever their number. */
export const COLD_AFTER_DAYS = 30;

/** Reflect once the importance of new memories since the last reflection adds up to this. */
export const REFLECTION_IMPORTANCE = 4;
export const MAX_INSIGHTS = 3;

/** Retrieval: recency decays by this factor per hour since an item was last used. */
export const RECENCY_DECAY_PER_HOUR = 0.995;
export const RETRIEVAL_WEIGHTS = { recency: 1, importance: 1, relevance: 1 } as const;
export const RETRIEVED_ITEMS = 8;

/** Output budget of one memory call. */
export const MEMORY_MAX_TOKENS = 400;
export const MAX_EXTRACTED_ITEMS = 5;
/** Interactions kept in a relationship's history. */
export const INTERACTION_HISTORY = 20;
