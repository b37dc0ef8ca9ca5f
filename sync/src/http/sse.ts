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
      try {
        while (!closed && !abort.signal.aborted && Date.now() < deadline) {
          const read = service.read(shape, offset);
          if (read.bodies.length > 0 || read.upToDate) {
            for (const body of read.bodies) for (const m of splitBody(body)) send(`data: ${m}\n\n`);
            offset = read.offset;
            if (read.upToDate) send(`data: ${upToDateMessage(read.lastLsn)}\n\n`);
            if (!read.upToDate) continue;
          }
          const reason = await service.wait(shape, Math.max(1, deadline - Date.now()), abort.signal);
          if (reason === 'gone') break;
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
