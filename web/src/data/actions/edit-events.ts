/**
 * Edits as they are made, for whatever tells the person about them (the edit notices): what was
 * done, the outbox entries that carry it, and how to take it back. Only the page that made an
 * edit hears of it; its state (queued, sent, saved, refused) is read from the outbox and the
 * applied mutations that sync back, never kept here.
 */
export interface Edit {
  /** The outbox entries of this edit (one edit may be two mutations: configuration and caps). */
  mutationIds: string[];
  /** What was done, in a few words: "Creativity changed", "Bot paused". */
  label: string;
  /** Queues the inverse edit; null where there is none (a created bot, a resolved flag). */
  undo: (() => Promise<void>) | null;
}

type Listener = (edit: Edit) => void;
const listeners = new Set<Listener>();

export function onEdit(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceEdit(edit: Edit): void {
  for (const l of listeners) l(edit);
}
