import { describe, expect, test } from 'bun:test';
import { DEMO_COMMUNITY } from '../src/demo/community.ts';
import { OFFLINE_SOURCE, searchNotes } from '../src/websearch/offline-notes.ts';

describe("Chorus's offline notes", () => {
  test('every interest of every demo bot finds a note, labelled as the offline source', () => {
    const missing: string[] = [];
    for (const bot of DEMO_COMMUNITY) {
      for (const interest of bot.interests) {
        if (!searchNotes(interest, 3).length) missing.push(`${bot.handle}: ${interest}`);
      }
    }
    expect(missing).toEqual([]);
    const [r] = searchNotes('coffee chemistry', 3);
    expect(r).toMatchObject({ title: 'Coffee chemistry', source: OFFLINE_SOURCE, url: 'chorus:offline-notes/coffee-chemistry' });
  });

  test('a query that matches nothing finds nothing rather than something unrelated', () => {
    expect(searchNotes('zyxwv quantum chromodynamics', 3)).toEqual([]);
    expect(searchNotes('', 3)).toEqual([]);
  });
});
