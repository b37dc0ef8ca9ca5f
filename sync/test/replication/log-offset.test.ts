/** Offsets: parsing, ordering and the meaning of `<lsn>_0` as a watermark (O2 in SPEC.md). */
import { describe, expect, test } from 'bun:test';
import { compareOffsets, formatOffset, parseOffset, requestPosition } from '../../src/replication/log-offset.ts';
import { formatLsnText, parseLsnText } from '../../src/replication/lsn.ts';

describe('log offsets', () => {
  test('parse and format round-trip', () => {
    for (const text of ['-1', '0_0', '0_12', '123456789_3', '25165824_inf']) expect(formatOffset(parseOffset(text)!)).toBe(text);
    for (const bad of ['', '1', '1_', '_1', 'a_b', '1_-1', '-2', '1_2_3', '99999999999999999999_1']) expect(parseOffset(bad)).toBeNull();
  });

  test('ordering is by transaction, then operation (property check over random offsets)', () => {
    const rand = (n: number) => Math.floor(Math.random() * n);
    for (let i = 0; i < 2000; i++) {
      const a = { tx: rand(5), op: rand(5) };
      const b = { tx: rand(5), op: rand(5) };
      const c = { tx: rand(5), op: rand(5) };
      const ab = compareOffsets(a, b);
      expect(ab).toBe(-compareOffsets(b, a) || 0);
      expect(ab === 0).toBe(a.tx === b.tx && a.op === b.op);
      if (ab <= 0 && compareOffsets(b, c) <= 0) expect(compareOffsets(a, c)).toBeLessThanOrEqual(0);
      expect(compareOffsets(parseOffset(formatOffset(a))!, a)).toBe(0);
    }
  });

  test('<lsn>_0 covers every entry of that transaction; other offsets mean themselves', () => {
    const watermark = requestPosition(parseOffset('500_0')!);
    for (let op = 1; op < 100; op++) expect(compareOffsets({ tx: 500, op }, watermark)).toBeLessThan(0);
    expect(compareOffsets({ tx: 501, op: 1 }, watermark)).toBeGreaterThan(0);
    expect(requestPosition({ tx: 500, op: 3 })).toEqual({ tx: 500, op: 3 });
    expect(requestPosition({ tx: 0, op: 0 })).toEqual({ tx: 0, op: 0 });
  });

  test('LSN text form', () => {
    expect(parseLsnText('0/16B3F70')).toBe(0x16b3f70);
    expect(parseLsnText('1/0')).toBe(2 ** 32);
    expect(formatLsnText(parseLsnText('A/1B2C'))).toBe('A/1B2C');
  });
});
