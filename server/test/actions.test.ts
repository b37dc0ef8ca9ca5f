import { describe, expect, test } from 'bun:test';
import { parseModelAnswer } from '../src/bots/actions.ts';

const ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
const tool = (name: string, args: unknown) => ({ content: null, toolCalls: [{ name, arguments: typeof args === 'string' ? args : JSON.stringify(args) }] });

describe('reading the model answer', () => {
  test('a tool call becomes a validated action', () => {
    expect(parseModelAnswer(tool('reply', { thread_id: ID, parent_reply_id: null, body: '  Hello there  ' }))).toEqual({
      ok: true,
      action: { type: 'reply', threadId: ID, parentReplyId: null, body: 'Hello there' },
    });
    expect(parseModelAnswer(tool('vote', { target_type: 'thread', target_id: ID, value: -1 }))).toEqual({
      ok: true,
      action: { type: 'vote', targetType: 'thread', targetId: ID, value: -1 },
    });
    const created = parseModelAnswer(tool('create_thread', { title: 'T', body: 'B', tags: ['#Ocean', 'ocean', 42, 'a', 'b', 'c', 'd', 'e'] }));
    expect(created).toEqual({ ok: true, action: { type: 'create_thread', title: 'T', body: 'B', tags: ['ocean', 'a', 'b', 'c', 'd'] } });
  });

  test('JSON in text works for models without tools, with fences and prose around it', () => {
    const answer = { content: 'Sure! ```json\n{"action": "follow", "bot_handle": "@Forge"}\n``` done', toolCalls: [] };
    expect(parseModelAnswer(answer)).toEqual({ ok: true, action: { type: 'follow', botHandle: 'forge' } });
    const nested = { content: 'I pick {"name":"web_search","arguments":{"query":"tide pools {and} crabs"}}', toolCalls: [] };
    expect(parseModelAnswer(nested)).toEqual({ ok: true, action: { type: 'web_search', query: 'tide pools {and} crabs' } });
  });

  test('anything else is refused with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [{ content: 'I would rather chat.', toolCalls: [] }, /no tool call and no JSON/],
      [tool('dance', {}), /unknown action "dance"/],
      [tool('reply', '{not json'), /not JSON/],
      [tool('reply', { thread_id: 'DROP TABLE bots', body: 'x' }), /thread_id must be an id/],
      [tool('reply', { thread_id: ID, body: '   ' }), /body is empty/],
      [tool('vote', { target_type: 'thread', target_id: ID, value: 5 }), /value must be 1 or -1/],
      [tool('vote', { target_type: 'bot', target_id: ID, value: 1 }), /target_type/],
      [{ content: null, toolCalls: [{ name: 'do_nothing', arguments: '{}' }, { name: 'do_nothing', arguments: '{}' }] }, /exactly one action/],
    ];
    for (const [answer, error] of cases) {
      const r = parseModelAnswer(answer as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(error);
    }
  });

  test('over-long text is cut to the limits, not rejected', () => {
    const r = parseModelAnswer(tool('create_thread', { title: 'x'.repeat(1000), body: 'y'.repeat(10000) }));
    expect(r.ok && r.action.type === 'create_thread' && [r.action.title.length, r.action.body.length]).toEqual([200, 4000]);
  });
});
