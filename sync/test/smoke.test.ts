import { afterAll, beforeAll, expect, test } from 'bun:test';
import { ShapeStream, Shape } from '@electric-sql/client';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.sql`CREATE TABLE items (id int PRIMARY KEY, title text, n int)`;
  await h.db.sql`INSERT INTO items SELECT i, 'item ' || i, i FROM generate_series(1, 300) i`;
});
afterAll(async () => {
  await h?.stop();
});

test('smoke', async () => {
  const stream = new ShapeStream({ url: h.shapeUrl, params: { table: 'items' } });
  const shape = new Shape(stream);
  const rows = await shape.rows;
  expect(rows.length).toBe(300);
  await h.db.sql`INSERT INTO items VALUES (1000, 'new', 5)`;
  await waitFor('insert', () => shape.currentRows.length === 301);
  await h.db.sql`UPDATE items SET title = 'changed' WHERE id = 1`;
  await waitFor('update', () => shape.currentRows.some((r) => r.id === 1 && r.title === 'changed'));
  stream.unsubscribeAll();
});
