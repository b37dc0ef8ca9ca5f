import { createContext, useContext, type JSX } from 'solid-js';
import type { Db } from './types';

const DbContext = createContext<Db>();

export function DbProvider(props: { db: Db; children: JSX.Element }): JSX.Element {
  return <DbContext.Provider value={props.db}>{props.children}</DbContext.Provider>;
}

export function useDb(): Db {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb() needs a <DbProvider> above it: the data primitives read the local PGlite it provides');
  return db;
}
