/**
 * The six things a bot can do on a heartbeat, as tools the model calls, and the parser that turns
 * whatever the model answered into exactly one validated action (or a do_nothing that keeps the
 * raw answer). Model output is never trusted: every field is checked here.
 */
export type ActionName = 'create_thread' | 'reply' | 'vote' | 'follow' | 'web_search' | 'do_nothing';

export type Action =
  | { type: 'create_thread'; title: string; body: string; tags: string[] }
  | { type: 'reply'; threadId: string; parentReplyId: string | null; body: string }
  | { type: 'vote'; targetType: 'thread' | 'reply'; targetId: string; value: 1 | -1 }
  | { type: 'follow'; botHandle: string }
  | { type: 'web_search'; query: string }
  | { type: 'do_nothing'; reason: string };

export const ACTION_NAMES: ActionName[] = ['create_thread', 'reply', 'vote', 'follow', 'web_search', 'do_nothing'];

export const LIMITS = { title: 200, body: 4000, tags: 5, tag: 32, query: 200, reason: 500 } as const;

/** OpenAI tool definitions, one per action; the model must call exactly one. */
export const ACTION_TOOLS = [
  tool('create_thread', 'Start a new discussion thread.', {
    title: { type: 'string', description: `Headline, at most ${LIMITS.title} characters` },
    body: { type: 'string', description: 'The opening post' },
    tags: { type: 'array', items: { type: 'string' }, description: `Up to ${LIMITS.tags} short topic tags` },
  }, ['title', 'body']),
  tool('reply', 'Reply to a thread, or to a reply inside it.', {
    thread_id: { type: 'string', description: 'id of the thread from the feed' },
    parent_reply_id: { type: ['string', 'null'], description: 'id of the reply you answer, or null for the thread itself' },
    body: { type: 'string', description: 'Your reply' },
  }, ['thread_id', 'body']),
  tool('vote', 'Vote on a thread or a reply written by another bot.', {
    target_type: { type: 'string', enum: ['thread', 'reply'] },
    target_id: { type: 'string', description: 'id of the thread or reply' },
    value: { type: 'integer', enum: [1, -1], description: '1 to upvote, -1 to downvote' },
  }, ['target_type', 'target_id', 'value']),
  tool('follow', 'Follow another bot.', {
    bot_handle: { type: 'string', description: 'handle of the bot to follow, from the roster' },
  }, ['bot_handle']),
  tool('web_search', 'Look something up on the web; what you find is remembered.', {
    query: { type: 'string', description: 'What to search for' },
  }, ['query']),
  tool('do_nothing', 'Skip this turn.', {
    reason: { type: 'string', description: 'Why you are not acting now' },
  }, ['reason']),
];

function tool(name: ActionName, description: string, properties: Record<string, unknown>, required: string[]) {
  return {
    type: 'function' as const,
    function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } },
  };
}

export type ParseResult = { ok: true; action: Action } | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (v: unknown, field: string, max: number, min = 1): string => {
  if (typeof v !== 'string') throw new Error(`${field} must be a string`);
  const s = v.replace(/\u0000/g, '').trim();
  if (s.length < min) throw new Error(`${field} is empty`);
  return s.length > max ? s.slice(0, max) : s;
};
const id = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !UUID.test(v.trim())) throw new Error(`${field} must be an id from the feed`);
  return v.trim().toLowerCase();
};

/** Validates one action given by name and arguments (from a tool call or a JSON answer). */
export function validateAction(name: unknown, args: unknown): ParseResult {
  try {
    if (typeof name !== 'string' || !(ACTION_NAMES as string[]).includes(name)) {
      throw new Error(`unknown action ${JSON.stringify(name)}`);
    }
    const a = (args && typeof args === 'object' ? args : {}) as Record<string, unknown>;
    switch (name as ActionName) {
      case 'create_thread': {
        const tags = Array.isArray(a.tags) ? a.tags : [];
        return {
          ok: true,
          action: {
            type: 'create_thread',
            title: text(a.title, 'title', LIMITS.title),
            body: text(a.body, 'body', LIMITS.body),
            tags: [...new Set(tags.filter((t): t is string => typeof t === 'string')
              .map((t) => t.trim().toLowerCase().replace(/^#/, '').slice(0, LIMITS.tag)).filter(Boolean))].slice(0, LIMITS.tags),
          },
        };
      }
      case 'reply':
        return {
          ok: true,
          action: {
            type: 'reply',
            threadId: id(a.thread_id, 'thread_id'),
            parentReplyId: a.parent_reply_id == null || a.parent_reply_id === '' ? null : id(a.parent_reply_id, 'parent_reply_id'),
            body: text(a.body, 'body', LIMITS.body),
          },
        };
      case 'vote': {
        const value = Number(a.value);
        if (value !== 1 && value !== -1) throw new Error('value must be 1 or -1');
        if (a.target_type !== 'thread' && a.target_type !== 'reply') throw new Error('target_type must be thread or reply');
        return { ok: true, action: { type: 'vote', targetType: a.target_type, targetId: id(a.target_id, 'target_id'), value } };
      }
      case 'follow':
        return { ok: true, action: { type: 'follow', botHandle: text(a.bot_handle, 'bot_handle', 32).replace(/^@/, '').toLowerCase() } };
      case 'web_search':
        return { ok: true, action: { type: 'web_search', query: text(a.query, 'query', LIMITS.query) } };
      case 'do_nothing':
        return { ok: true, action: { type: 'do_nothing', reason: typeof a.reason === 'string' && a.reason.trim() ? a.reason.trim().slice(0, LIMITS.reason) : 'no reason given' } };
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return { ok: false, error: 'unreachable' };
}

export interface ModelAnswer {
  content: string | null;
  toolCalls: { name: string; arguments: string }[];
}

/**
 * Reads the model's answer: a tool call when there is one, otherwise the first JSON object in the
 * text (`{"action": "...", ...args}` or `{"name": ..., "arguments": {...}}`), tolerating code
 * fences and prose around it, for models without tool support.
 */
export function parseModelAnswer(answer: ModelAnswer): ParseResult {
  if (answer.toolCalls.length > 1) return { ok: false, error: `expected exactly one action, got ${answer.toolCalls.length}` };
  const call = answer.toolCalls[0];
  if (call) {
    let args: unknown;
    try {
      args = call.arguments.trim() ? JSON.parse(call.arguments) : {};
    } catch {
      return { ok: false, error: `arguments of ${call.name} are not JSON` };
    }
    return validateAction(call.name, args);
  }
  const obj = firstJsonObject(answer.content ?? '');
  if (!obj) return { ok: false, error: 'no tool call and no JSON action in the answer' };
  const name = obj.action ?? obj.name ?? obj.type ?? obj.tool;
  const args = typeof obj.arguments === 'object' && obj.arguments ? obj.arguments : typeof obj.args === 'object' && obj.args ? obj.args : obj;
  return validateAction(name, args);
}

function firstJsonObject(s: string): Record<string, unknown> | null {
  for (let start = s.indexOf('{'); start !== -1; start = s.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < s.length; i++) {
      const c = s[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          const v = JSON.parse(s.slice(start, i + 1));
          if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
        } catch {
          /* not JSON: try the next brace */
        }
        break;
      }
    }
  }
  return null;
}
