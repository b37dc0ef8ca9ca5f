import { expect, test } from 'bun:test';
import { nextCursor } from '../../src/http/cursor.ts';
import { CURSOR_EPOCH_MS } from '../../src/protocol.ts';

test('the live cursor is the next multiple of the timeout, and always moves past the client’s', () => {
  const now = CURSOR_EPOCH_MS + 1_000_001_000; // 1,000,001 s after the epoch
  expect(nextCursor(now, 20_000, null, () => 0)).toBe('1000020');
  expect(nextCursor(now, 20_000, '1000020', () => 0)).toBe('1000021');
  expect(Number(nextCursor(now, 20_000, '1000020', () => 0.9999))).toBe(1000020 + 3600);
  expect(nextCursor(now, 20_000, 'garbage', () => 0)).toBe('1000020');
});
