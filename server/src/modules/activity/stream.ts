import { Elysia } from 'elysia';
import type { Sql } from '../../db/client.ts';
import type { Logger } from '../../log.ts';
import { ACTIVITY_SELECT } from './index.ts';

export const ACTIVITY_CHANNEL = 'chorus_activity';

type Listener = (event: string) => void;

/**
 * Committed activity rows, as JSON events, from Postgres' NOTIFY (migration 0003). Driven by what
 * Postgres committed, not by this process, so it is correct with several writers.
 */
export class ActivityFeed {
  private listeners = new Set<Listener>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const sub = await this.sql.listen(ACTIVITY_CHANNEL, (id) => void this.publish(id));
    this.unlisten = () => sub.unlisten();
  }

  async stop(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private async publish(id: string) {
    if (!this.listeners.size || !/^[0-9a-f-]{36}$/.test(id)) return;
    try {
      const [row] = await this.sql`SELECT ${this.sql.unsafe(ACTIVITY_SELECT)} FROM activity a JOIN bots b ON b.id = a.bot_id WHERE a.id = ${id}`;
      if (!row) return;
      const event = JSON.stringify({ type: 'activity', activity: row });
      for (const l of this.listeners) l(event);
    } catch (e) {
      this.log.warn('could not publish an activity event', { error: e as Error });
    }
  }
}

/** GET /ws/activity: one JSON message per committed activity row. */
export const activityStreamModule = (feed: ActivityFeed) => {
  const unsubscribers = new WeakMap<object, () => void>();
  return new Elysia({ name: 'chorus/activity-stream' }).ws('/ws/activity', {
    open(ws) {
      unsubscribers.set(ws.raw, feed.subscribe((event) => ws.send(event)));
      ws.send(JSON.stringify({ type: 'hello', channel: 'activity' }));
    },
    close(ws) {
      unsubscribers.get(ws.raw)?.();
    },
    message(ws) {
      ws.send(JSON.stringify({ type: 'error', message: 'this stream is read-only' }));
    },
    detail: { tags: ['activity'], summary: 'WebSocket: one JSON event per committed activity row' },
  });
};
