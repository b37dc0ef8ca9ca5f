/**
 * The streaming-replication wire: START_REPLICATION on a replication-mode connection (through
 * postgres.js's CopyBoth stream), XLogData and keepalives in, standby status updates out.
 */
import type { Duplex } from 'node:stream';
import { type Lsn, formatLsnText } from '../replication/index.ts';
import { createReplicationSql } from './connection.ts';

export interface ReplicationHandlers {
  /** One pgoutput message (the XLogData payload). */
  onData(payload: Buffer): void;
  onKeepalive(walEnd: Lsn, replyRequested: boolean): void;
  /** The stream ended; `error` says why when it was not asked to. */
  onClose(error?: Error): void;
}

export interface ReplicationConnection {
  /** Tells Postgres everything up to `lsn` is durable, so the slot may release it. */
  sendStatus(lsn: Lsn): void;
  close(): Promise<void>;
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

export async function startReplication(
  url: string,
  opts: { slot: string; publication: string; startLsn: Lsn },
  handlers: ReplicationHandlers,
): Promise<ReplicationConnection> {
  const sql = createReplicationSql(url);
  let stream: Duplex;
  try {
    const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const pub = opts.publication.replace(/'/g, "''");
    stream = (await sql
      .unsafe(
        `START_REPLICATION SLOT ${quoted(opts.slot)} LOGICAL ${formatLsnText(opts.startLsn)} (proto_version '1', publication_names '${pub}')`,
      )
      .writable()) as unknown as Duplex;
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
  let closing = false;
  let closed = false;
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    void sql.end({ timeout: 1 }).catch(() => {});
    handlers.onClose(closing ? undefined : (error ?? new Error('replication stream ended')));
  };
  stream.on('data', (x: Buffer) => {
    if (x[0] === 0x77 /* w: XLogData */) handlers.onData(x.subarray(25));
    else if (x[0] === 0x6b /* k: keepalive */) handlers.onKeepalive(Number(x.readBigUInt64BE(1)), x[17] === 1);
  });
  stream.on('error', (e: Error) => finish(e));
  stream.on('close', () => finish());

  return {
    sendStatus(lsn) {
      if (closed) return;
      const msg = Buffer.alloc(34);
      msg[0] = 0x72; // r
      const pos = BigInt(lsn);
      msg.writeBigUInt64BE(pos, 1); // written
      msg.writeBigUInt64BE(pos, 9); // flushed
      msg.writeBigUInt64BE(pos, 17); // applied
      msg.writeBigInt64BE(BigInt(Date.now() - PG_EPOCH_MS) * 1000n, 25);
      msg[33] = 0;
      stream.write(msg);
    },
    async close() {
      if (closed) return;
      closing = true;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2000);
        stream.once('close', () => {
          clearTimeout(t);
          resolve();
        });
        stream.end();
      });
      finish();
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}
