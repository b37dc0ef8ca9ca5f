import { createEffect, createMemo, createSignal, onCleanup, untrack, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { LiveQuery } from '@electric-sql/pglite/live';
import type { Db } from './db';
import { isLeaderChange, leaderEpoch } from './db/leader-epoch';

export interface Query {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

export interface LiveRows<T> {
  /** The current rows; empty until the first result arrives. */
  readonly rows: readonly T[];
  /** True once the query has answered at least once for the current parameters. */
  readonly ready: boolean;
  readonly error: Error | undefined;
}

export class LiveQueryShapeError extends Error {
  override name = 'LiveQueryShapeError';
}

/**
 * PGlite's live extension inlines parameters with Postgres' format(), turning each `$n` into the
 * next `%L` in order of appearance. So a placeholder used twice, or out of order, binds the wrong
 * value or fails with "too few arguments for format()", and a literal % is read as a format
 * directive. Queries that need a value twice bind it once in a `WITH p AS (SELECT $1 …)` CTE.
 */
export function checkLiveQuerySql(sql: string): void {
  const placeholders = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  placeholders.forEach((n, i) => {
    if (n !== i + 1) {
      throw new LiveQueryShapeError(`live query placeholders must be $1, $2, … each once and in order; found $${n} at position ${i + 1}`);
    }
  });
  if (sql.includes('%')) throw new LiveQueryShapeError('live query SQL must not contain "%" (it is read as a format() directive)');
}

const keyOf = (q: Query | undefined): string => (q ? JSON.stringify([q.sql, q.params ?? []]) : '');

/**
 * A live SQL query as a Solid store, in the manner of pglite-solid's useLiveQuery: the query is an
 * accessor, so changing a parameter re-subscribes; the subscription ends with the owner.
 * Returning undefined from `query` means "nothing to ask yet" (for example, no bot selected).
 *
 * Rows are reconciled by `id` so a new row in a feed inserts one DOM node instead of re-rendering
 * the list, and a focused control inside a row keeps its focus across updates.
 *
 * When the database changes leader (see leader-epoch.ts) the query is made again on the new one,
 * keeping the rows on screen meanwhile: the old subscription died with the old leader's session.
 */
export function createLiveQuery<T extends object>(db: Db, query: Accessor<Query | undefined>): LiveRows<T> {
  const [state, setState] = createStore<{ rows: T[]; ready: boolean; error: Error | undefined }>({
    rows: [],
    ready: false,
    error: undefined,
  });
  const current = createMemo(query, undefined, { equals: (a, b) => keyOf(a) === keyOf(b) });
  const epoch = leaderEpoch(db);
  // Asked again when a query was caught in a leader change that this tab heard of first.
  const [retries, setRetries] = createSignal(0);
  let shown = '';

  createEffect(() => {
    const q = current();
    const subscribedIn = epoch();
    retries();
    // A new question hides the old answer; the same question asked again keeps it.
    if (keyOf(q) !== shown) setState('ready', false);
    shown = keyOf(q);
    if (!q) {
      setState({ rows: [], error: undefined });
      return;
    }
    checkLiveQuerySql(q.sql);
    let cancelled = false;
    let handle: LiveQuery<T> | undefined;
    const apply = (rows: T[]) => {
      if (cancelled) return;
      setState('rows', reconcile(rows, { key: 'id', merge: true }));
      setState({ ready: true, error: undefined });
    };
    db.live
      .query<T>(q.sql, q.params ? [...q.params] : [], (res) => apply(res.rows))
      .then((lq) => {
        if (cancelled) {
          void lq.unsubscribe();
          return;
        }
        handle = lq;
        apply(lq.initialResults.rows);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isLeaderChange(err)) {
          setRetries((n) => n + 1);
          return;
        }
        // A failing query is a bug in a data primitive; surface it instead of showing "no rows".
        console.error('live query failed', q.sql, err);
        setState({ error: err instanceof Error ? err : new Error(String(err)), ready: true });
      });
    onCleanup(() => {
      cancelled = true;
      // Unsubscribing also drops this tab's listeners, which would otherwise revive the query in
      // the new leader's session on its next change. After a leader change its statement went
      // with the old session, so the library's DEALLOCATE fails there, as expected.
      handle?.unsubscribe().catch((err: unknown) => {
        if (untrack(epoch) === subscribedIn) console.error('live query unsubscribe failed', q.sql, err);
      });
    });
  });

  return state;
}

/** The first row of a live query, for queries that select one row by key. */
export function createLiveRow<T extends object>(db: Db, query: Accessor<Query | undefined>): {
  readonly row: Accessor<T | undefined>;
  readonly ready: Accessor<boolean>;
} {
  const live = createLiveQuery<T>(db, query);
  return { row: () => live.rows[0], ready: () => live.ready };
}
