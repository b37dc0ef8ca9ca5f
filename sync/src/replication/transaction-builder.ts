/**
 * Assembles pgoutput messages into whole transactions: nothing of a transaction reaches the shape
 * logs before its COMMIT has been read (C2 in SPEC.md). Rows become column → text maps using the
 * Relation messages, which pgoutput sends before a table's first change in a session and again
 * whenever its columns change.
 */
import { UNCHANGED_TOAST, type PgOutputMessage, type RelationColumn, type TupleValue } from '../postgres/index.ts';
import type { RowChange, Row } from '../shapes/index.ts';
import type { Lsn } from './lsn.ts';

export interface Relation {
  relid: number;
  schema: string;
  name: string;
  columns: RelationColumn[];
}

export type TxEvent = RowChange | { op: 'truncate'; relids: number[] };

export interface Transaction {
  xid: number;
  /** The commit LSN: the transaction's position in every log (O1). */
  lsn: Lsn;
  /** The end of the commit record: what to acknowledge once the transaction is durable. */
  endLsn: Lsn;
  events: TxEvent[];
  /** Relation messages seen in this transaction, to notice schema changes in commit order. */
  relations: Relation[];
}

export class TransactionBuilder {
  readonly relations = new Map<number, Relation>();
  private current: Transaction | null = null;

  get inTransaction() {
    return this.current !== null;
  }

  /** Drops a half-read transaction when the stream breaks; Postgres resends it whole. */
  reset() {
    this.current = null;
  }

  /** Feeds one message; returns the transaction it completes, if any. */
  push(msg: PgOutputMessage): Transaction | null {
    switch (msg.tag) {
      case 'begin':
        this.current = { xid: msg.xid, lsn: msg.finalLsn, endLsn: msg.finalLsn, events: [], relations: [] };
        return null;
      case 'relation': {
        const rel: Relation = { relid: msg.relid, schema: msg.schema, name: msg.name, columns: msg.columns };
        this.relations.set(msg.relid, rel);
        this.current?.relations.push(rel);
        return null;
      }
      case 'insert':
        this.event({ op: 'insert', relid: msg.relid, newRow: this.row(msg.relid, msg.newTuple, null), oldRow: null });
        return null;
      case 'update': {
        const oldRow = msg.oldTuple ? this.row(msg.relid, msg.oldTuple, null) : null;
        this.event({ op: 'update', relid: msg.relid, oldRow, newRow: this.row(msg.relid, msg.newTuple, oldRow) });
        return null;
      }
      case 'delete':
        this.event({ op: 'delete', relid: msg.relid, oldRow: this.row(msg.relid, msg.oldTuple, null), newRow: null });
        return null;
      case 'truncate':
        this.event({ op: 'truncate', relids: msg.relids });
        return null;
      case 'commit': {
        const tx = this.current;
        this.current = null;
        if (!tx) return null;
        tx.endLsn = msg.endLsn;
        return tx;
      }
      default:
        return null;
    }
  }

  private event(e: TxEvent) {
    if (!this.current) throw new Error('pgoutput: a change outside a transaction');
    this.current.events.push(e);
  }

  /**
   * A tuple as a row. A TOASTed value the UPDATE left alone is not in the WAL: it is taken from the
   * old row (complete under REPLICA IDENTITY FULL) or left out, which the shape layer reads as
   * "unchanged".
   */
  private row(relid: number, tuple: TupleValue[], old: Row | null): Row {
    const rel = this.relations.get(relid);
    if (!rel) throw new Error(`pgoutput: a change for relation ${relid} before its Relation message`);
    const row: Row = {};
    for (let i = 0; i < rel.columns.length; i++) {
      const v = tuple[i];
      const name = rel.columns[i]!.name;
      if (v === UNCHANGED_TOAST) {
        if (old && name in old) row[name] = old[name]!;
      } else row[name] = v ?? null;
    }
    return row;
  }
}
