import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { csvField, csvRecord, exportStream } from '../src/modules/export/index.ts';
import { csvText } from '../src/modules/export/csv.ts';
import { insertBot } from './support/bots.ts';
import { parseCsv } from './support/community.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;

const HOSTILE = [
  'plain',
  'comma, inside',
  'a "quoted" word',
  '"',
  '""',
  'line one\nline two',
  'windows\r\nline',
  'carriage\ronly',
  ' leading and trailing spaces ',
  '=HYPERLINK("http://example.com")',
  'émoji 🎉 ünïcödé — 日本語 עברית',
  'trailing comma,',
  '',
];

describe('CSV fields (RFC 4180)', () => {
  test('quotes exactly the fields that need it and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvField('🎉')).toBe('🎉');
    expect(csvRecord(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });

  test('non-text values: null empty, dates ISO, arrays and objects as JSON', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(false)).toBe('false');
    expect(csvField(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
    expect(csvField(['a', 'b'])).toBe('"[""a"",""b""]"');
    expect(csvField([])).toBe('[]');
    expect(csvField({ k: 'v, w' })).toBe('"{""k"":""v, w""}"');
  });

  test('every hostile value survives a strict parse unchanged', () => {
    const text = HOSTILE.map((v) => csvRecord([v, 'next'])).join('');
    const parsed = parseCsv(text);
    // Unchanged but for the apostrophe that keeps a formula from running (next test).
    expect(parsed).toEqual(HOSTILE.map((v) => [v.startsWith('=') ? `'${v}` : v, 'next']));
  });

  test('a cell a spreadsheet would run as a formula is neutralised; plain numbers are not', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","x")', '+cmd|"/c calc"!A1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1']) {
      expect(csvText(formula)).toBe(`'${formula}`);
    }
    for (const plain of ['-1.5', '+3', '-2e5', 'a=b', 'mail@example.com', '']) expect(csvText(plain)).toBe(plain);
    expect(csvField(['=1'])).toBe('"[""=1""]"');
    expect(csvField({ '=k': 1 })).toBe('"{""=k"":1}"');
  });
});

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, { handle: 'ada', name: 'Ada "the, first"', origin_story: 'Born\r\non a "server", far away 🎉', traits: ['kind, mostly', 'says "hi"'] });
  for (const [i, v] of HOSTILE.entries()) {
    await db.sql`INSERT INTO threads (bot_id, title, body, tags) VALUES (${ada}, ${`t${i} ${v}`}, ${v}, ${[v || 'empty', 'x,y']})`;
  }
  await db.sql`INSERT INTO activity (bot_id, action, summary, details, tokens, cost_usd)
               VALUES (${ada}, 'do_nothing', 'thought about "it", then\nstopped', ${db.sql.json({ raw: 'a,"b"\n', n: 1 })}, 12, 0.000123)`;
});
afterAll(() => db.drop());

describe('GET /api/export/:what', () => {
  test('threads as CSV: attachment, header row, every hostile value round-trips (formulas neutralised)', async () => {
    const res = await api.request('GET', '/api/export/threads?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toStartWith('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chorus-threads-\d{4}-\d{2}-\d{2}\.csv"$/);
    const records = parseCsv(await res.text());
    const header = records[0]!;
    expect(header).toEqual(['id', 'bot_id', 'bot_handle', 'title', 'body', 'tags', 'score', 'upvotes', 'downvotes', 'reply_count', 'created_at', 'last_activity_at']);
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    const stored = await db.sql`SELECT id, title, body, tags, created_at FROM threads ORDER BY created_at, id`;
    expect(rows).toHaveLength(stored.length);
    for (const [i, s] of stored.entries()) {
      expect(rows[i]!.id).toBe(s.id);
      expect(rows[i]!.title).toBe(s.title);
      // A body a spreadsheet would run as a formula comes out with the apostrophe that stops it.
      expect(rows[i]!.body).toBe(s.body.startsWith('=') ? `'${s.body}` : s.body);
      expect(JSON.parse(rows[i]!.tags!)).toEqual(s.tags);
      expect(new Date(rows[i]!.created_at!).getTime()).toBe(s.created_at.getTime());
    }
  });

  test('activity and bots as CSV keep JSON details and arrays intact', async () => {
    const activity = parseCsv(await (await api.request('GET', '/api/export/activity?format=csv')).text());
    const ah = activity[0]!;
    const row = Object.fromEntries(ah.map((h, i) => [h, activity[1]![i]]));
    expect(row.summary).toBe('thought about "it", then\nstopped');
    expect(JSON.parse(row.details!)).toEqual({ raw: 'a,"b"\n', n: 1 });
    expect(row.tokens).toBe('12');
    expect(row.cost_usd).toBe('0.000123');
    const bots = parseCsv(await (await api.request('GET', '/api/export/bots?format=csv')).text());
    const bh = bots[0]!;
    const bot = Object.fromEntries(bh.map((h, i) => [h, bots[1]![i]]));
    expect(bot.name).toBe('Ada "the, first"');
    expect(bot.origin_story).toBe('Born\r\non a "server", far away 🎉');
    expect(JSON.parse(bot.traits!)).toEqual(['kind, mostly', 'says "hi"']);
  });

  test('JSON is the default and parses to the rows', async () => {
    const res = await api.request('GET', '/api/export/threads');
    expect(res.headers.get('content-type')).toStartWith('application/json');
    expect(res.headers.get('content-disposition')).toContain('.json"');
    const rows = (await res.json()) as { title: string; tags: string[] }[];
    expect(rows).toHaveLength(HOSTILE.length);
    expect(rows.map((r) => r.title)).toEqual(HOSTILE.map((v, i) => `t${i} ${v}`));
    const bots = (await (await api.request('GET', '/api/export/bots?format=json')).json()) as Record<string, unknown>[];
    expect(bots[0]).toMatchObject({ handle: 'ada', origin_story: 'Born\r\non a "server", far away 🎉' });
    // An empty table is still a JSON array.
    await db.sql`DELETE FROM activity`;
    expect(await (await api.request('GET', '/api/export/activity')).json()).toEqual([]);
    expect(parseCsv(await (await api.request('GET', '/api/export/activity?format=csv')).text())).toHaveLength(1);
  });

  test('streams batch by batch from a cursor, and a cancelled download frees its connection', async () => {
    const many = await insertBot(db.sql, { handle: 'many' });
    await db.sql`INSERT INTO threads (bot_id, title, body) SELECT ${many}, 'bulk ' || g, 'body ' || g FROM generate_series(1, 1200) g`;
    const reader = exportStream(db.sql, 'threads', 'csv', 100).getReader();
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++;
      text += decoder.decode(r.value, { stream: true });
    }
    // A header chunk, then one chunk per batch of 100 rows: never the whole table at once.
    expect(chunks).toBe(1 + Math.ceil((1200 + HOSTILE.length) / 100));
    expect(parseCsv(text)).toHaveLength(1 + 1200 + HOSTILE.length);

    // More abandoned downloads than the pool has connections: each must give its connection back.
    for (let i = 0; i < 15; i++) {
      const res = await api.request('GET', '/api/export/threads?format=json');
      const body = res.body!.getReader();
      await body.read();
      await body.read();
      await body.cancel();
    }
    const answered = await Promise.race([db.sql`SELECT 1 AS ok`.then((r) => r[0]!.ok), Bun.sleep(3000).then(() => 'timeout')]);
    expect(answered).toBe(1);
  }, 30_000);

  test('unknown exports and formats are 422s naming the parameter', async () => {
    for (const [path, field] of [['/api/export/secrets', 'params.what'], ['/api/export/memory_items', 'params.what'], ['/api/export/threads?format=xml', 'query.format']]) {
      const res = await api.json('GET', path!);
      expect(res.status, path).toBe(422);
      expect(res.body.message, path).toContain(field!);
    }
  });
});
