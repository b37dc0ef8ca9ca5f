import { render } from '@solidjs/testing-library';
import { createRoot, type JSX } from 'solid-js';
import { DbProvider, type Db } from '../../src/data/db';

/** Renders UI under a DbProvider, as the app shell does. */
export function renderWithDb(db: Db, ui: () => JSX.Element) {
  return render(() => <DbProvider db={db}>{ui()}</DbProvider>);
}

/**
 * Runs a data primitive inside a reactive root with the database in context, without any DOM,
 * and returns its result plus the disposer.
 */
export function withDb<T>(db: Db, fn: () => T): { result: T; dispose: () => void } {
  return createRoot((dispose) => {
    let result!: T;
    DbProvider({
      db,
      get children() {
        result = fn();
        return undefined;
      },
    });
    return { result, dispose };
  });
}
