/**
 * The shape server's runtime: replication in, shape logs in storage, reads out. It owns the
 * effects (Postgres, the storage file, timers); the decisions it makes are in the pure modules it
 * calls. The HTTP layer (http/) talks to it through the ShapeService interface.
 */
import { randomBytes } from 'node:crypto';
import {
  addToPublication,
  createQuerySql,
  decodePgOutput,
  ensurePublication,
  ensureReplicaIdentityFull,
  ensureSlot,
  existingTables,
  loadTableInfo,
  readSnapshot,
  startReplication,
  type ReplicationConnection,
  type SnapshotInfo,
  type Sql,
} from './postgres/index.ts';
import { resolveOptions, type ResolvedOptions, type ShapeServerOptions } from './options.ts';
import { CONTROL } from './protocol.ts';
import { requestPosition, type LogOffset, type Lsn, LAST_LSN_KEY, ShapeLogCollector, TransactionBuilder, type Transaction } from './replication/index.ts';
import { snapshotMessage, snapshotQuery, compileShape, definitionKey, ShapeParamError, type CompiledShape, type ShapeDefinition, ShapeRegistry, wakeBelow, type ActiveShape, type CachedRead, type WakeReason, type Waiter, columnsSignature, type RowQuery, type TableInfo } from './shapes/index.ts';
import type { ShapeStorage } from './storage/index.ts';

export interface ShapeRead {
  /** Serialised messages, in order. */
  bodies: string[];
  /** The offset the client continues from. */
  offset: LogOffset;
  upToDate: boolean;
  /** The global watermark, read together with the log (I3). */
  lastLsn: Lsn;
}

/** What the HTTP layer needs; kept narrow so http/ has no knowledge of Postgres or storage. */
export interface ShapeService {
  readonly options: ResolvedOptions;
  status(): SyncStatus;
  resolve(def: ShapeDefinition): Promise<CompiledShape>;
  /** The shape for a definition, created (and its snapshot started) if there is none. */
  shapeFor(compiled: CompiledShape): ActiveShape;
  find(handle: string): ActiveShape | undefined;
  findFor(compiled: CompiledShape): ActiveShape | undefined;
  read(shape: ActiveShape, offset: LogOffset): ShapeRead;
  /** The offset of the end of a ready shape's log (for `offset=now`). */
  endOffset(shape: ActiveShape): LogOffset;
  wait(shape: ActiveShape, ms: number, signal?: AbortSignal): Promise<WakeReason | 'timeout'>;
  lastLsn(): Lsn;
  /** Reads a subset of a ready shape's rows for a client whose stream is at `at` (null: not started). */
  subset(shape: ActiveShape, query: RowQuery, at: LogOffset | null): Promise<SubsetRead>;
  deleteShape(handle: string): boolean;
}

export interface SubsetRead {
  bodies: string[];
  offset: LogOffset;
  snapshot: SnapshotInfo;
}

/** `degraded`: shape logs cannot be written (a full disk); nothing more is acknowledged until they can. */
export type SyncStatus = 'active' | 'starting' | 'waiting' | 'degraded';

/** One replication connection; a failed write marks it, and nothing it still delivers is used. */
interface Stream {
  failed: boolean;
}

const META_SOURCE = 'source';
const STATUS_INTERVAL_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles are never reused (S0 in the client's SPEC): a random part plus the creation time. */
const newHandle = () => `${randomBytes(6).toString('hex')}-${Date.now()}`;

export class ShapeServerCore implements ShapeService {
  readonly options: ResolvedOptions;
  private sql!: Sql;
  private storage!: ShapeStorage;
  private registry = new ShapeRegistry();
  private collector!: ShapeLogCollector;
  private builder = new TransactionBuilder();
  private tables = new Map<string, Promise<TableInfo | null>>();
  private published = new Set<string>();
  private compiled = new Map<string, CompiledShape>();
  private queue: Transaction[] = [];
  private flushScheduled = false;
  private acked: Lsn = 0;
  /**
   * Flush tracking: the end of the last whole transaction received on the current stream, and of
   * the last one storage holds. A keepalive may only acknowledge its WAL end when the two agree.
   */
  private received: Lsn = 0;
  private written: Lsn = 0;
  private stream: Stream | null = null;
  /** Set while shape logs cannot be written: what failed and since when. */
  private storageFailure: { error: string; since: number; count: number } | null = null;
  private conn: ReplicationConnection | null = null;
  private connected = false;
  private stopped = false;
  private started = false;
  private replicationLoop: Promise<void> | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private watermarkTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshots = new Set<Promise<void>>();

  constructor(options: ShapeServerOptions) {
    this.options = resolveOptions(options);
  }

  status(): SyncStatus {
    if (this.storageFailure) return 'degraded';
    return this.connected ? 'active' : this.started ? 'waiting' : 'starting';
  }

  /** Why the server is degraded, if it is. */
  storageState() {
    return this.storageFailure ? { ...this.storageFailure } : null;
  }

  async start(): Promise<void> {
    const o = this.options;
    this.sql = createQuerySql(o.databaseUrl);
    this.storage = o.openStorage(o.storageFile);
    const { found: allowed, missing } = await existingTables(this.sql, o.tables === '*' ? [] : o.tables.map(splitName));
    if (missing.length) o.log.warn('allowed tables that do not exist are not synced', { tables: missing.map((t) => `${t.schema}.${t.name}`) });
    await ensurePublication(this.sql, o.publicationName, allowed);
    // The publication must exist before the slot: pgoutput looks it up as of each change it
    // decodes, so a change committed between a new slot and CREATE PUBLICATION fails decoding
    // with "publication does not exist" on every retry, and replication never starts.
    const slot = await ensureSlot(this.sql, o.slotName);
    for (const t of allowed) {
      this.published.add(`${t.schema}.${t.name}`);
      // Where clauses and replica=full need whole old rows (C3, S1).
      const info = await loadTableInfo(this.sql, t.schema, t.name);
      if (info && info.replicaIdentity !== 'f') {
        await ensureReplicaIdentityFull(this.sql, info).catch((e: Error) =>
          o.log.warn('cannot set REPLICA IDENTITY FULL; updates will carry only key columns as old values', { table: t.name, error: e.message }),
        );
      }
    }

    // Logs are only good for the slot that fed them: a new slot, database or cluster means the
    // changes in between are lost, so every shape starts over (clients get 409).
    const source = this.storage.getMeta(META_SOURCE);
    let lastLsn = Number(this.storage.getMeta(LAST_LSN_KEY) ?? 0);
    if (slot.created || source !== slot.identity) {
      if (this.storage.listShapes().length) o.log.warn('shape logs do not match the replication slot; dropping them', { slot: o.slotName });
      this.storage.deleteAllShapes();
      this.storage.setMeta(META_SOURCE, slot.identity);
      lastLsn = slot.lsn;
      this.storage.setMeta(LAST_LSN_KEY, String(lastLsn));
    }
    this.acked = slot.lsn;
    this.written = slot.lsn;
    this.collector = new ShapeLogCollector(this.storage, this.registry, lastLsn, (shape, why) => {
      o.log.info('shape invalidated', { handle: shape.handle, table: shape.compiled.table.name, why });
      // After a schema change the next shape on this table must see the new columns.
      if (why === 'schema change') this.tables.delete(`${shape.compiled.table.schema}.${shape.compiled.table.name}`);
    });
    await this.restoreShapes();
    this.started = true;
    this.replicationLoop = this.runReplication();
    this.timers.push(setInterval(() => this.conn?.sendStatus(this.acked), STATUS_INTERVAL_MS));
    this.timers.push(setInterval(() => this.evict(Date.now()), 60_000));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    if (this.watermarkTimer) clearTimeout(this.watermarkTimer);
    // Held requests get an ordinary up-to-date, not a 409: after a restart the clients resume
    // from their offsets (a 409 would make them refetch everything).
    for (const shape of this.registry.all()) wakeBelow(shape, Infinity);
    await this.conn?.close();
    await this.replicationLoop;
    this.flush();
    // Ending the pool cancels snapshots still reading; they must settle before storage closes.
    await this.sql?.end({ timeout: 2 });
    await Promise.allSettled([...this.snapshots]);
    this.storage?.close();
  }

  // ───────────── replication ─────────────

  private async runReplication() {
    let backoff = 200;
    while (!this.stopped) {
      try {
        // Postgres may have restarted: make sure slot and publication are there before streaming.
        await this.recoverLostSlot();
        await ensureSlot(this.sql, this.options.slotName);
        // Postgres resends from what we acknowledged; nothing of the new stream is received yet.
        const stream: Stream = { failed: false };
        this.stream = stream;
        this.received = this.written = this.acked;
        const closed = new Promise<Error | undefined>((resolve) => {
          void startReplication(
            this.options.databaseUrl,
            { slot: this.options.slotName, publication: this.options.publicationName, startLsn: 0 },
            {
              onData: (payload) => this.onData(stream, payload),
              onKeepalive: (walEnd, reply) => this.onKeepalive(stream, walEnd, reply),
              onClose: (error) => resolve(error),
            },
          ).then(
            (conn) => {
              if (this.stopped) void conn.close();
              this.conn = conn;
              this.connected = true;
              backoff = 200;
              this.options.log.info('replication streaming', { slot: this.options.slotName });
            },
            (e: Error) => resolve(e),
          );
        });
        const error = await closed;
        this.conn = null;
        this.connected = false;
        if (error && !this.stopped) this.options.log.warn('replication stream lost; reconnecting', { error: error.message });
      } catch (e) {
        this.connected = false;
        if (!this.stopped) this.options.log.warn('replication cannot start; retrying', { error: (e as Error).message });
      }
      // A half-read transaction is resent whole from the slot.
      this.builder.reset();
      this.flush();
      if (this.stopped) break;
      if (this.storageFailure) backoff = Math.max(backoff, 1000);
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 5000);
    }
  }

  /**
   * A slot Postgres invalidated (it fell behind `max_slot_wal_keep_size`) can never stream the
   * changes it skipped: drop it, start a new one, and drop every shape so clients refetch (409).
   */
  private async recoverLostSlot() {
    const [slot] = await this.sql<{ wal_status: string | null }[]>`
      SELECT wal_status FROM pg_replication_slots WHERE slot_name = ${this.options.slotName}`;
    if (slot?.wal_status !== 'lost') return;
    this.options.log.error('the replication slot was invalidated; starting over with a new one', { slot: this.options.slotName });
    await this.sql`SELECT pg_drop_replication_slot(${this.options.slotName})`;
    const fresh = await ensureSlot(this.sql, this.options.slotName);
    this.flush();
    for (const shape of this.registry.all()) this.deleteShape(shape.handle);
    this.storage.deleteAllShapes();
    this.storage.setMeta(META_SOURCE, fresh.identity);
    this.storage.setMeta(LAST_LSN_KEY, String(Math.max(fresh.lsn, this.collector.lastLsn)));
    this.collector.lastLsn = Math.max(fresh.lsn, this.collector.lastLsn);
    this.acked = fresh.lsn;
  }

  private onData(stream: Stream, payload: Buffer) {
    // After a failed write, what this stream still delivers is resent by the next one.
    if (stream.failed || stream !== this.stream) return;
    const tx = this.builder.push(decodePgOutput(payload));
    if (!tx) return;
    this.received = tx.endLsn;
    this.queue.push(tx);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Everything that arrived in the same burst is written in one storage transaction.
      setImmediate(() => this.flush());
    }
  }

  private onKeepalive(stream: Stream, walEnd: Lsn, replyRequested: boolean) {
    // With nothing half-read, queued or failed, everything Postgres has sent is durable (C1).
    const allWritten = !stream.failed && stream === this.stream && !this.builder.inTransaction && this.queue.length === 0 && this.written >= this.received;
    if (allWritten && walEnd > this.acked) this.acked = walEnd;
    if (replyRequested) this.conn?.sendStatus(this.acked);
  }

  private flush() {
    this.flushScheduled = false;
    if (this.queue.length === 0 || !this.collector) return;
    const batch = this.queue;
    this.queue = [];
    const before = this.collector.lastLsn;
    let durable: Lsn | null;
    try {
      durable = this.collector.apply(batch);
    } catch (e) {
      // Nothing of the batch is acknowledged, and nothing after it may be: the stream is dropped
      // and Postgres resends from the last acknowledged position once we reconnect.
      const error = e instanceof Error ? e.message : String(e);
      const f = this.storageFailure;
      this.storageFailure = { error, since: f?.since ?? Date.now(), count: (f?.count ?? 0) + 1 };
      if (!f) this.options.log.error('shape logs cannot be written; not acknowledging until they can', { error });
      else this.options.log.warn('shape logs still cannot be written', { error, attempts: this.storageFailure.count });
      if (this.stream) this.stream.failed = true;
      this.queue = [];
      this.builder.reset();
      void this.conn?.close();
      return;
    }
    if (this.storageFailure) {
      this.options.log.info('shape logs are written again', { failedForMs: Date.now() - this.storageFailure.since });
      this.storageFailure = null;
    }
    if (durable !== null) this.written = Math.max(this.written, durable);
    if (durable !== null && durable > this.acked) {
      this.acked = durable;
      this.conn?.sendStatus(durable);
    }
    if (this.collector.lastLsn > before) this.scheduleWatermarkWake();
  }

  // ───────────── shapes ─────────────

  /**
   * Registers the shapes stored by the last run. Only a shape that can no longer be served is
   * dropped (its clients then get 409), each with the reason logged: one whose snapshot never
   * finished, whose table is gone or was altered meanwhile, or whose stored definition is broken.
   * A database error while looking a table up is not such a reason: it is retried, and if it
   * persists start() fails, keeping the logs for the next start.
   */
  private async restoreShapes() {
    for (const stored of this.storage.listShapes()) {
      const drop = (why: string) => {
        this.options.log.info('stored shape dropped', { handle: stored.handle, why });
        this.storage.deleteShape(stored.handle);
      };
      let parsed: { definition: ShapeDefinition; signature: string };
      try {
        parsed = JSON.parse(stored.definition) as typeof parsed;
      } catch (e) {
        drop(`its stored definition cannot be read: ${(e as Error).message}`);
        continue;
      }
      if (!stored.ready) {
        drop('its snapshot never finished');
        continue;
      }
      const table = await this.withRetries(`looking up table ${parsed.definition.table}`, () => this.tableInfo(parsed.definition.schema, parsed.definition.table));
      // A table altered while we were down no longer matches its logs.
      if (!table) {
        drop('its table no longer exists');
        continue;
      }
      if (table.oid !== stored.relid || columnsSignature(table.columns) !== parsed.signature) {
        drop('its table was recreated or altered');
        continue;
      }
      let compiled: CompiledShape;
      try {
        compiled = compileShape(parsed.definition, table);
      } catch (e) {
        drop(`it no longer compiles: ${(e as Error).message}`);
        continue;
      }
      const shape = this.registry.add(stored.handle, compiled, Date.now());
      shape.status = 'ready';
      shape.chunks = stored.snapshotChunks;
      // A stored shape's snapshot is long past: every transaction the collector sees is newer.
      shape.snapshot = { xmin: 0n, xmax: 0n, xip: [], walLsn: 0 };
    }
  }

  /** Runs a database read a few times before giving up: Postgres may be restarting. */
  private async withRetries<T>(what: string, run: () => Promise<T>, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (e) {
        if (attempt >= attempts || this.stopped) throw e;
        this.options.log.warn(`${what} failed; retrying`, { attempt, error: (e as Error).message });
        await sleep(200 * 2 ** attempt);
      }
    }
  }

  private tableInfo(schema: string, name: string): Promise<TableInfo | null> {
    const key = `${schema}.${name}`;
    let p = this.tables.get(key);
    if (!p) {
      p = loadTableInfo(this.sql, schema, name);
      this.tables.set(key, p);
      p.catch(() => this.tables.delete(key));
    }
    return p;
  }

  async resolve(def: ShapeDefinition): Promise<CompiledShape> {
    const o = this.options;
    const qualifiedName = `${def.schema}.${def.table}`;
    if (o.tables !== '*' && !o.tables.some((t) => sameTable(t, def.schema, def.table))) {
      throw new ShapeParamError('table', `table ${qualifiedName} is not synced by this server`);
    }
    const table = await this.tableInfo(def.schema, def.table);
    if (!table) {
      this.tables.delete(qualifiedName);
      throw new ShapeParamError('table', `table ${qualifiedName} does not exist`);
    }
    // Live requests resolve the same definitions over and over: compile each once per table version.
    const key = definitionKey(def);
    let compiled = this.compiled.get(key);
    if (!compiled || compiled.table !== table) {
      compiled = compileShape(def, table);
      if (this.compiled.size > 10_000) this.compiled.clear();
      this.compiled.set(key, compiled);
    }
    if (!this.published.has(qualifiedName)) {
      // Automatic mode (E configuration.ex): the table joins the publication with full old rows.
      await ensureReplicaIdentityFull(this.sql, table);
      await addToPublication(this.sql, o.publicationName, table);
      this.published.add(qualifiedName);
    }
    return compiled;
  }

  shapeFor(compiled: CompiledShape): ActiveShape {
    const existing = this.registry.findByDefinition(compiled);
    if (existing) return existing;
    const handle = newHandle();
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    ready.catch(() => {});
    const shape = this.registry.add(handle, compiled, Date.now(), ready);
    this.storage.createShape({
      handle,
      definitionKey: shape.key,
      definition: JSON.stringify({ definition: compiled.definition, signature: shape.signature }),
      relid: shape.relid,
      createdAt: Date.now(),
    });
    if (this.registry.size > this.options.maxShapes) this.evict(Date.now());
    const snapshot = this.snapshot(shape).then(resolveReady, (e: Error) => {
      if (this.stopped) return rejectReady(e);
      this.options.log.error('snapshot failed', { handle, table: compiled.table.name, error: e.message });
      // Storage may be what failed: the shape goes from memory even if its rows cannot.
      if (shape.status !== 'gone') this.collector.drop(shape, 'its snapshot failed');
      // The table may have changed under us; look it up afresh next time.
      this.tables.delete(`${compiled.table.schema}.${compiled.table.name}`);
      rejectReady(e);
    });
    this.snapshots.add(snapshot);
    void snapshot.finally(() => this.snapshots.delete(snapshot));
    return shape;
  }

  private async snapshot(shape: ActiveShape) {
    const threshold = this.options.chunkBytes;
    let chunk = 0;
    let parts: string[] = [];
    let bytes = 0;
    const live = () => {
      if (this.stopped) throw new Error('the shape server is stopping');
      return shape.status !== 'gone';
    };
    const snap = await readSnapshot(
      this.sql,
      shape.compiled.table,
      // A changes-only shape reads no rows: its snapshot only fixes where its log starts.
      shape.compiled.definition.log === 'changes_only' ? null : snapshotQuery(shape.compiled),
      (s) => {
        if (live()) this.collector.setSnapshot(shape, s);
      },
      (rows) => {
        if (!live()) return;
        for (const row of rows) {
          const body = JSON.stringify(snapshotMessage(shape.compiled, row));
          if (parts.length > 0 && bytes + body.length > threshold) {
            this.storage.putSnapshotChunk(shape.handle, chunk++, parts.join(','));
            parts = [];
            bytes = 0;
          }
          parts.push(body);
          bytes += body.length;
        }
      },
    );
    if (!live()) throw new Error('the shape was invalidated during its snapshot');
    if (shape.compiled.definition.log !== 'changes_only') {
      parts.push(
        JSON.stringify({
          headers: { control: CONTROL.snapshotEnd, xmin: String(snap.xmin), xmax: String(snap.xmax), xip_list: snap.xip.map(String) },
        }),
      );
    }
    this.storage.putSnapshotChunk(shape.handle, chunk, parts.join(','));
    this.storage.markReady(shape.handle, chunk + 1);
    shape.chunks = chunk + 1;
    shape.status = 'ready';
  }

  async subset(shape: ActiveShape, query: RowQuery, at: LogOffset | null): Promise<SubsetRead> {
    shape.lastUsed = Date.now();
    // The client's stream carries on from here. A stream already reading stays where it is: its
    // unread entries may change rows outside the subset, so none may be skipped (those inside
    // it the client drops by the snapshot's visibility). One not yet started begins at the log's
    // end before the snapshot: every entry up to it is a commit the snapshot sees, and every
    // transaction the snapshot does not see lands after it.
    const offset = at ?? this.endOffset(shape);
    const bodies: string[] = [];
    const snapshot = await readSnapshot(this.sql, shape.compiled.table, query, () => {}, (rows) => {
      for (const row of rows) bodies.push(JSON.stringify(snapshotMessage(shape.compiled, row)));
    });
    return { bodies, offset, snapshot };
  }

  find(handle: string) {
    return this.registry.find(handle);
  }

  findFor(compiled: CompiledShape) {
    return this.registry.findByDefinition(compiled);
  }

  read(shape: ActiveShape, offset: LogOffset): ShapeRead {
    shape.lastUsed = Date.now();
    // The watermark is read now; a cached read is still exact because any append clears it (I3).
    const lastLsn = this.collector.lastLsn;
    const key = `${offset.tx}_${offset.op}`;
    let read = shape.reads.get(key);
    if (!read) {
      read = this.readLog(shape, offset);
      if (shape.reads.size >= 32) shape.reads.clear();
      shape.reads.set(key, read);
    }
    return { ...read, lastLsn };
  }

  private readLog(shape: ActiveShape, offset: LogOffset): CachedRead {
    // The initial snapshot, one chunk per response; the first never says up-to-date (as Electric).
    if (offset.tx < 0 || (offset.tx === 0 && offset.op + 1 < shape.chunks)) {
      const chunk = offset.tx < 0 ? 0 : offset.op + 1;
      const body = this.storage.getSnapshotChunk(shape.handle, chunk) ?? '';
      const last = chunk === shape.chunks - 1;
      const upToDate = offset.tx >= 0 && last && this.storage.lastEntry(shape.handle) === null;
      return { bodies: body ? [body] : [], offset: { tx: 0, op: chunk }, upToDate };
    }
    const pos = offset.tx === 0 ? { tx: 0, op: Infinity } : requestPosition(offset);
    const r = this.storage.readAfter(shape.handle, pos.tx, pos.op, this.options.chunkBytes);
    const lastEntry = r.entries[r.entries.length - 1];
    return {
      bodies: r.entries.map((e) => e.body),
      offset: lastEntry ? { tx: lastEntry.tx, op: lastEntry.op } : offset,
      upToDate: r.atEnd,
    };
  }

  endOffset(shape: ActiveShape): LogOffset {
    return this.storage.lastEntry(shape.handle) ?? { tx: 0, op: Math.max(0, shape.chunks - 1) };
  }

  wait(shape: ActiveShape, ms: number, signal?: AbortSignal): Promise<WakeReason | 'timeout'> {
    if (shape.status === 'gone') return Promise.resolve('gone');
    return new Promise((resolve) => {
      const done = (r: WakeReason | 'timeout') => {
        clearTimeout(timer);
        shape.waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const waiter: Waiter = { since: this.collector.lastLsn, wake: done };
      const onAbort = () => done('timeout');
      const timer = setTimeout(() => done('timeout'), ms);
      shape.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /**
   * After the watermark moves, held requests of shapes the commits did not touch are answered
   * with the new watermark (after a short pause that gathers a burst of commits). A client that
   * syncs several shapes as one transaction (pglite-sync) can then apply a multi-table commit as
   * soon as every shape has reported it, instead of forcing refreshes 100 ms later (I4).
   */
  private scheduleWatermarkWake() {
    if (this.watermarkTimer || this.options.watermarkWakeMs < 0) return;
    this.watermarkTimer = setTimeout(() => {
      this.watermarkTimer = null;
      const lsn = this.collector.lastLsn;
      for (const shape of this.registry.all()) if (shape.waiters.size) wakeBelow(shape, lsn);
    }, this.options.watermarkWakeMs);
  }

  lastLsn() {
    return this.collector.lastLsn;
  }

  deleteShape(handle: string): boolean {
    const shape = this.registry.find(handle);
    if (!shape) return false;
    this.storage.deleteShape(handle);
    this.registry.remove(shape);
    return true;
  }

  /** Drops shapes nobody read for `shapeIdleMs`, and the least recently read beyond `maxShapes`. */
  evict(now: number) {
    const o = this.options;
    const candidates = this.registry.all().filter((s) => s.status === 'ready' && s.waiters.size === 0);
    for (const s of candidates) if (now - s.lastUsed > o.shapeIdleMs) this.deleteShape(s.handle);
    const over = this.registry.size - o.maxShapes;
    if (over > 0) {
      candidates
        .filter((s) => s.status === 'ready')
        .sort((a, b) => a.lastUsed - b.lastUsed)
        .slice(0, over)
        .forEach((s) => this.deleteShape(s.handle));
    }
  }
}

function splitName(t: string): { schema: string; name: string } {
  const i = t.indexOf('.');
  return i < 0 ? { schema: 'public', name: t } : { schema: t.slice(0, i), name: t.slice(i + 1) };
}

const sameTable = (allowed: string, schema: string, name: string) => {
  const t = splitName(allowed);
  return t.schema === schema && t.name === name;
};
