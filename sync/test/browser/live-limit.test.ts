import { afterAll, beforeAll, expect, test } from 'bun:test';
import { limitLiveRequests } from '../../src/browser/live-limit.ts';

// A server that holds live requests until released, like a long poll with nothing new.
let server: ReturnType<typeof Bun.serve>;
let held: (() => void)[] = [];
let inFlightMax = 0;
let inFlight = 0;
beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const live = new URL(req.url).searchParams.get('live') === 'true';
      if (!live) return Response.json({ live: false });
      inFlight++;
      inFlightMax = Math.max(inFlightMax, inFlight);
      await new Promise<void>((resolve) => held.push(resolve));
      inFlight--;
      return Response.json({ live: true });
    },
  });
});
afterAll(() => server.stop(true));

const url = (live: boolean, n: number) => `http://127.0.0.1:${server.port}/v1/shape?table=t${n}${live ? '&live=true' : ''}`;
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await Bun.sleep(10);
  expect(check()).toBe(true);
};

test('at most `max` live requests are out at once; the rest wait their turn and other requests pass', async () => {
  const limited = limitLiveRequests(2);
  const lives = Array.from({ length: 5 }, (_, i) => limited(url(true, i)).then((r) => r.json()));
  await until(() => held.length === 2);
  // A request that is not live goes at once, though two live ones hold their slots.
  expect(await (await limited(url(false, 9))).json()).toEqual({ live: false });

  // Aborting a queued request drops it from the queue with an AbortError.
  const abort = new AbortController();
  const aborted = limited(url(true, 7), { signal: abort.signal });
  abort.abort();
  await expect(aborted).rejects.toThrow();

  // Each answer lets the next one out, never more than two at a time.
  for (let answered = 0; answered < 5; answered++) {
    await until(() => held.length > 0);
    held.shift()!();
  }
  expect(await Promise.all(lives)).toEqual(Array(5).fill({ live: true }));
  expect(inFlightMax).toBe(2);
  expect(held).toEqual([]);
});
