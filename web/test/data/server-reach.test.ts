// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackServerReach } from '../../src/data/sync/server-reach';

// A real HTTP server on loopback, stopped and started again under the tracker.
let server: Server | undefined;
const listen = (port = 0, status = 200) =>
  new Promise<number>((resolve) => {
    server = createServer((_req, res) => {
      res.statusCode = status;
      res.end('{}');
    });
    server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
  });
const stop = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
afterEach(stop);

describe('trackServerReach', () => {
  it('says when the server stops answering, once, and when it answers again', async () => {
    const port = await listen();
    const changes: (Date | null)[] = [];
    const tracked = trackServerReach((since) => changes.push(since));
    const url = `http://127.0.0.1:${port}/v1/shape`;
    await (await tracked(url)).text();
    expect(changes).toEqual([]);

    server!.closeAllConnections();
    await stop();
    const before = Date.now();
    await expect(tracked(url)).rejects.toThrow();
    await expect(tracked(url)).rejects.toThrow();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.getTime()).toBeGreaterThanOrEqual(before - 1);

    await listen(port);
    await (await tracked(url)).text();
    expect(changes).toEqual([changes[0], null]);
  });

  it('counts a gateway with no server behind it as unreachable, and any other answer as reachable', async () => {
    const port = await listen(0, 502);
    const changes: (Date | null)[] = [];
    const tracked = trackServerReach((since) => changes.push(since));
    await (await tracked(`http://127.0.0.1:${port}/`)).text();
    expect(changes).toHaveLength(1);
    await stop();
    await listen(port, 500);
    await (await tracked(`http://127.0.0.1:${port}/`)).text();
    expect(changes.at(-1)).toBeNull();
  });

  it('says nothing about the server when the request was aborted here', async () => {
    const port = await listen();
    const changes: (Date | null)[] = [];
    const tracked = trackServerReach((since) => changes.push(since));
    const abort = new AbortController();
    abort.abort();
    await expect(tracked(`http://127.0.0.1:${port}/`, { signal: abort.signal })).rejects.toThrow();
    expect(changes).toEqual([]);
  });
});
