/** Memory tunables, with units in their names. */

/**
 * Warm items of each kind a bot keeps before the least recently seen are compressed into a cold
 * summary (relationships are one row per other bot and never compressed; their history is bounded
 * by INTERACTION_HISTORY). Items merge when seen again, so these bound distinct things known.
 * Episodes are the smallest bound, so a couple of hours at turbo pace already yields summaries.
 */
export const WARM_LIMITS = { fact: 30, episode: 20, interest: 10, opinion: 15, reflection: 10 } as const;
export type WarmKind = keyof typeof WARM_LIMITS;
/** Two items of one kind whose content words overlap this much (Jaccard) are the same memory. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
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
/**
 * Recency spreads narrower than this many hours count as no spread: memories used minutes apart
 * are equally recent, and stretching a few milliseconds to the full 0–1 range let timing noise
 * reorder them.
 */
export const RECENCY_MIN_SPREAD_HOURS = 1;
export const RETRIEVED_ITEMS = 8;

/** Output budget of one memory call. */
export const MEMORY_MAX_TOKENS = 400;
export const MAX_EXTRACTED_ITEMS = 5;
/** Interactions kept in a relationship's history. */
export const INTERACTION_HISTORY = 20;
