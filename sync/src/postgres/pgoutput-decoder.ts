/**
 * Decodes pgoutput protocol version 1 messages (the payload of XLogData) into plain objects.
 * Pure. Reference: PostgreSQL docs, "Logical Replication Message Formats".
 */
import type { Lsn } from '../replication/index.ts';

export type TupleValue = string | null | typeof UNCHANGED_TOAST;
/** pgoutput sends 'u' for a TOASTed column an UPDATE did not change: the value is not in the WAL. */
export const UNCHANGED_TOAST = Symbol('unchanged-toast');

export interface RelationColumn {
  name: string;
  typeOid: number;
  typmod: number;
  isKey: boolean;
}

export type PgOutputMessage =
  | { tag: 'begin'; finalLsn: Lsn; commitTime: bigint; xid: number }
  | { tag: 'commit'; commitLsn: Lsn; endLsn: Lsn; commitTime: bigint }
  | { tag: 'relation'; relid: number; schema: string; name: string; replicaIdentity: string; columns: RelationColumn[] }
  | { tag: 'insert'; relid: number; newTuple: TupleValue[] }
  | { tag: 'update'; relid: number; oldTuple: TupleValue[] | null; oldIsKeyOnly: boolean; newTuple: TupleValue[] }
  | { tag: 'delete'; relid: number; oldTuple: TupleValue[]; oldIsKeyOnly: boolean }
  | { tag: 'truncate'; relids: number[]; cascade: boolean; restartIdentity: boolean }
  | { tag: 'type' | 'origin' | 'message' | 'other' };

const decoder = new TextDecoder();

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  u8() {
    return this.buf[this.pos++]!;
  }
  i16() {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  i32() {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  u32() {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  lsn(): Lsn {
    return Number(this.u64());
  }
  cstring() {
    const end = this.buf.indexOf(0, this.pos);
    const s = decoder.decode(this.buf.subarray(this.pos, end));
    this.pos = end + 1;
    return s;
  }
  tuple(): TupleValue[] {
    const n = this.i16();
    const out: TupleValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const kind = this.u8();
      if (kind === 0x6e /* n */) out[i] = null;
      else if (kind === 0x75 /* u */) out[i] = UNCHANGED_TOAST;
      else if (kind === 0x74 /* t */ || kind === 0x62 /* b */) {
        const len = this.i32();
        out[i] = decoder.decode(this.buf.subarray(this.pos, this.pos + len));
        this.pos += len;
      } else throw new Error(`pgoutput: unknown tuple value kind ${kind}`);
    }
    return out;
  }
}

export function decodePgOutput(buf: Buffer): PgOutputMessage {
  const r = new Reader(buf);
  const tag = String.fromCharCode(r.u8());
  switch (tag) {
    case 'B':
      return { tag: 'begin', finalLsn: r.lsn(), commitTime: r.u64(), xid: r.u32() };
    case 'C': {
      r.u8(); // flags, unused
      return { tag: 'commit', commitLsn: r.lsn(), endLsn: r.lsn(), commitTime: r.u64() };
    }
    case 'R': {
      const relid = r.u32();
      const schema = r.cstring();
      const name = r.cstring();
      const replicaIdentity = String.fromCharCode(r.u8());
      const n = r.i16();
      const columns: RelationColumn[] = [];
      for (let i = 0; i < n; i++) {
        const flags = r.u8();
        columns.push({ name: r.cstring(), typeOid: r.u32(), typmod: r.i32(), isKey: (flags & 1) === 1 });
      }
      return { tag: 'relation', relid, schema, name: name, replicaIdentity, columns };
    }
    case 'I': {
      const relid = r.u32();
      r.u8(); // 'N'
      return { tag: 'insert', relid, newTuple: r.tuple() };
    }
    case 'U': {
      const relid = r.u32();
      let kind = String.fromCharCode(r.u8());
      let oldTuple: TupleValue[] | null = null;
      let oldIsKeyOnly = false;
      if (kind === 'K' || kind === 'O') {
        oldIsKeyOnly = kind === 'K';
        oldTuple = r.tuple();
        kind = String.fromCharCode(r.u8());
      }
      return { tag: 'update', relid, oldTuple, oldIsKeyOnly, newTuple: r.tuple() };
    }
    case 'D': {
      const relid = r.u32();
      const kind = String.fromCharCode(r.u8());
      return { tag: 'delete', relid, oldIsKeyOnly: kind === 'K', oldTuple: r.tuple() };
    }
    case 'T': {
      const n = r.i32();
      const options = r.u8();
      const relids: number[] = [];
      for (let i = 0; i < n; i++) relids.push(r.u32());
      return { tag: 'truncate', relids, cascade: (options & 1) === 1, restartIdentity: (options & 2) === 2 };
    }
    case 'Y':
      return { tag: 'type' };
    case 'O':
      return { tag: 'origin' };
    case 'M':
      return { tag: 'message' };
    default:
      return { tag: 'other' };
  }
}
