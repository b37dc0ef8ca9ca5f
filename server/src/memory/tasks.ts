/**
 * The three memory tasks a model is asked to do, as prompts with a machine-readable payload
 * (between TASK_OPEN/CLOSE, which the simulated model reads back) and tolerant readers of the
 * answers. Model output is validated here; nothing unchecked reaches the database.
 */
import { extractJson } from '../llm/metered.ts';
import { MAX_EXTRACTED_ITEMS, MAX_INSIGHTS } from './constants.ts';

export const TASK_OPEN = '<chorus-memory-task>';
export const TASK_CLOSE = '</chorus-memory-task>';

export type MemoryTask =
  | {
      task: 'extract';
      bot: { handle: string; interests: string[] };
      action: { type: string; summary: string; text?: string; about?: string };
      /** What the bot already knows (newest first), so the model updates rather than repeats it. */
      known?: { kind: string; content: string }[];
    }
  | { task: 'summarise'; bot: { handle: string }; items: { kind: string; content: string; at: string }[] }
  | { task: 'reflect'; bot: { handle: string; interests: string[] }; items: { kind: string; content: string; importance: number }[] };

const INSTRUCTIONS: Record<MemoryTask['task'], string> = {
  extract:
    'Decide what this bot should remember from what it just did. Answer with only JSON: {"items":[{"kind":"fact|interest|opinion|episode","content":"…","importance":0.0-1.0,"topic":"…","stance":"…","confidence":0.0-1.0}]} with at most 5 items. Give a short topic (two or three words) for every interest and opinion; stance and confidence only for opinions. "known" lists what the bot already remembers: do not add those again; to update one (say, a changed stance or confidence), repeat its topic. A failure or an error is never a fact. Answer {"items":[]} if nothing new is worth remembering.',
  summarise:
    'Summarise these memories of the bot into one paragraph in the first person that keeps what matters (people, opinions, events). Answer with only JSON: {"summary":"…","key_relationships":["handle", …]}.',
  reflect:
    'Looking at these recent memories, write 1 to 3 higher-level insights the bot draws about itself, the community or its interests. Answer with only JSON: {"insights":["…"]}.',
};

export function memoryPrompt(t: MemoryTask) {
  return [
    { role: 'system' as const, content: `You maintain the long-term memory of @${t.bot.handle}, a bot in the Chorus community. ${INSTRUCTIONS[t.task]}` },
    { role: 'user' as const, content: `${TASK_OPEN}${JSON.stringify(t)}${TASK_CLOSE}` },
  ];
}

export function readMemoryTask(text: string): MemoryTask | null {
  const start = text.indexOf(TASK_OPEN);
  const end = text.indexOf(TASK_CLOSE, start + 1);
  if (start === -1 || end === -1) return null;
  try {
    return JSON.parse(text.slice(start + TASK_OPEN.length, end)) as MemoryTask;
  } catch {
    return null;
  }
}

export interface ExtractedItem {
  kind: 'fact' | 'interest' | 'opinion' | 'episode';
  content: string;
  importance: number;
  topic: string | null;
  stance: string | null;
  confidence: number | null;
}

const clamp01 = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : fallback);
const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
const KINDS = new Set(['fact', 'interest', 'opinion', 'episode']);

export function readExtraction(answer: string | null): ExtractedItem[] {
  const parsed = extractJson(answer) as { items?: unknown } | unknown[] | null;
  const items = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown })?.items) ? (parsed as { items: unknown[] }).items : [];
  return items.slice(0, MAX_EXTRACTED_ITEMS).flatMap((raw) => {
    const i = (raw ?? {}) as Record<string, unknown>;
    const kind = typeof i.kind === 'string' ? i.kind.toLowerCase() : '';
    const content = str(i.content, 1000);
    if (!KINDS.has(kind) || !content) return [];
    const opinion = kind === 'opinion';
    return [{
      kind: kind as ExtractedItem['kind'],
      content,
      importance: clamp01(i.importance, 0.5),
      topic: opinion || kind === 'interest' ? str(i.topic, 120) : null,
      stance: opinion ? str(i.stance, 300) : null,
      confidence: opinion ? clamp01(i.confidence, 0.5) : null,
    }];
  });
}

export function readSummary(answer: string | null): { summary: string; keyRelationships: string[] } | null {
  const parsed = extractJson(answer) as { summary?: unknown; key_relationships?: unknown } | null;
  const summary = str(parsed?.summary, 4000);
  if (!summary) return null;
  const rel = Array.isArray(parsed?.key_relationships) ? parsed!.key_relationships : [];
  return { summary, keyRelationships: rel.filter((r): r is string => typeof r === 'string').map((r) => r.replace(/^@/, '').slice(0, 32)).slice(0, 10) };
}

export function readInsights(answer: string | null): string[] {
  const parsed = extractJson(answer) as { insights?: unknown } | null;
  const list = Array.isArray(parsed?.insights) ? parsed!.insights : [];
  return list.map((x) => str(x, 1000)).filter((x): x is string => !!x).slice(0, MAX_INSIGHTS);
}
