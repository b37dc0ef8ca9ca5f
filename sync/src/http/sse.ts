/**
 * `live_sse=true`: the live tail as Server-Sent Events (E api.ex `stream_sse_events`). Each
 * message is one `data:` event; every batch ends with an up-to-date, from whose LSN the client
 * derives its next offset (`<lsn>_0`, see O2). The stream closes after `sseTimeoutMs`.
 */
import { HEADER } from '../protocol.ts';
import { formatOffset, type LogOffset } from '../replication/index.ts';
import type { ActiveShape } from '../shapes/index.ts';
import type { ShapeService } from '../shape-server.ts';
import { nextCursor } from './cursor.ts';
import { corsHeaders, upToDateMessage } from './responses.ts';

/** Snapshot chunks are stored as comma-joined messages; SSE needs them one by one. */
const splitBody = (body: string): string[] => (body.startsWith('{"key"') || body.startsWith('{"headers"') ? (JSON.parse(`[${body}]`) as unknown[]).map((m) => JSON.stringify(m)) : [body]);

export function serveSse(service: ShapeService, req: Request, shape: ActiveShape, start: LogOffset, cursor: string | null): Response {
  const o = service.options;
  const encoder = new TextEncoder();
  let offset = start;
  let closed = false;
  const abort = new AbortController();
  req.signal.addEventListener('abort', () => abort.abort());

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const deadline = Date.now() + o.sseTimeoutMs;
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), o.sseKeepAliveMs);
      // A comment first, so the headers go out now and not with the first event (Bun holds them
      // until the body has bytes); the client's event parser skips it.
      send(': open\n\n');
      try {
        // Like a long-poll, the stream says nothing until there is something new: entries past
        // the client's offset, or a watermark that moved while it was held (I4). The client
        // already knows everything up to its offset, so an idle shape sends no up-to-date.
        let told = start.tx;
        let woken: string | null = null;
        while (!closed && !abort.signal.aborted && Date.now() < deadline) {
          const read = service.read(shape, offset);
          if (read.bodies.length > 0) {
            for (const body of read.bodies) for (const m of splitBody(body)) send(`data: ${m}\n\n`);
            offset = read.offset;
            if (!read.upToDate) continue;
            send(`data: ${upToDateMessage(read.lastLsn)}\n\n`);
            told = read.lastLsn;
          } else if (woken === 'watermark' && read.lastLsn > told) {
            send(`data: ${upToDateMessage(read.lastLsn)}\n\n`);
            told = read.lastLsn;
          }
          woken = await service.wait(shape, Math.max(1, deadline - Date.now()), abort.signal);
          if (woken === 'gone') break;
        }
      } finally {
        clearInterval(keepAlive);
        if (!closed) {
          closed = true;
          controller.close();
        }
      }
    },
    cancel() {
      closed = true;
      abort.abort();
    },
  });

  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': `public, max-age=${Math.max(1, Math.floor(o.sseTimeoutMs / 1000) - 1)}`,
      connection: 'keep-alive',
      [HEADER.handle]: shape.handle,
      [HEADER.offset]: formatOffset(start),
      [HEADER.cursor]: nextCursor(Date.now(), o.longPollMs, cursor, Math.random),
      ...corsHeaders(req),
    },
  });
}
