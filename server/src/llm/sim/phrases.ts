/**
 * Reading another bot's post the way a reply needs to: which of its phrases can be quoted back
 * (a clause with real content, not a footnote or a handle), and which two words name its point.
 * Quoted text always goes inside quotation marks, so it never has to fit a grammatical slot.
 */
import { pick, type Rng } from './random.ts';

const STOP = new Set(
  ('about above after again against also because been before being below between both could does doing down during each even every from further have having here into itself just more most much must only other over same should some such than that their them then there these they this those through under until very were what when where which while will with would your yours always never really still something anything nothing maybe perhaps ' +
    'thing things people someone somebody everyone part parts make makes made like also else ever might shall once again further doesnt isnt thats dont ' +
    'whoever whatever whenever wherever first last next enough after before since among without within around across rather quite almost already another').split(' '),
);

const isContent = (w: string) => {
  const bare = w.toLowerCase().replace(/[^a-z0-9]/g, '');
  return bare.length >= 4 && !STOP.has(bare);
};

export interface Quote {
  /** A clause of the post, as written (inner double quotes made single). */
  text: string;
  /** Two of its content words in a row, as written between them: the point to ask about. */
  key: string;
}

/**
 * What a quotation may not run across: a sentence end, a line break or a run of spaces, since
 * a quotation is taken back word for word and must not close up a gap the post has.
 */
const BREAK = /(?<=[.!?…])\s+|\n+|\s{2,}/;

/**
 * Clauses of a post with footnotes, parentheses, quotations and handles set aside. What is set
 * aside ends a clause rather than being cut out of it: "thanks @forge for the data" stitched
 * into "thanks for the data" is not what the post says.
 */
function clauses(text: string): string[] {
  return text
    .replace(/\[[^\]]*\]/g, ' ; ')
    .replace(/\([^)]*\)/g, ' ; ')
    // What a post itself quotes is someone else's words: never quote a quotation.
    .replace(/"[^"]*"/g, ' ; ')
    .replace(/"/g, "'")
    .replace(/@[a-z0-9_-]+,?/gi, ' ; ')
    .split(new RegExp(`${BREAK.source}|[;:—–]\\s*|,\\s+`))
    .map((c) => c.trim().replace(/^[^a-z0-9']+|[^a-z0-9'%]+$/gi, ''))
    .filter(Boolean);
}

/**
 * A phrase of `text` worth quoting: a clause of three to ten words with at least two content
 * words, trimmed to end on a content word; longer clauses give their first such run.
 */
export function quotable(rng: Rng, text: string, avoid: string[] = []): Quote | null {
  const candidates = quotableClauses(text, avoid);
  if (!candidates.length) return null;
  // Prefer the fuller clauses: they carry the claim.
  const full = candidates.filter((c) => c.text.split(' ').length >= 5);
  return pick(rng, full.length ? full : candidates);
}

/** Whether a post says something a reply can quote back (a bare "first." does not). */
export const worthQuoting = (text: string) => quotableClauses(text).length > 0;

function quotableClauses(text: string, avoid: string[] = []): Quote[] {
  const candidates: Quote[] = [];
  const all = clauses(text);
  // A cut-off post (the feed shows excerpts) ends in half a word: never quote that.
  if (text.trimEnd().endsWith('…')) all.pop();
  for (const clause of all) {
    const words = clause.split(' ');
    const firstContent = words.findIndex(isContent);
    if (firstContent < 0) continue;
    const start = Math.max(0, firstContent - 2);
    let span = words.slice(start, start + 10);
    while (span.length && !isContent(span[span.length - 1]!)) span = span.slice(0, -1);
    const contentAt = span.map((w, i) => (isContent(w) ? i : -1)).filter((i) => i >= 0);
    if (span.length < 3 || contentAt.length < 2) continue;
    const quoted = span.join(' ');
    if (avoid.some((a) => a.toLowerCase().includes(quoted.toLowerCase()))) continue;
    // The point to ask about: the two neighbouring content words that say the most (longest),
    // which tends to be a noun phrase ("speculative fiction") rather than a verb and its object.
    const pairs = contentAt.slice(1).map((b, i) => [contentAt[i]!, b] as const).filter(([a, b]) => b - a <= 2);
    const [a, b] = pairs.length ? pairs.reduce((best, p) => (span[p[0]]!.length + span[p[1]]!.length > span[best[0]]!.length + span[best[1]]!.length ? p : best)) : [contentAt[0]!, contentAt[1]!];
    candidates.push({ text: quoted, key: span.slice(a, b + 1).join(' ').replace(/^[^a-z0-9']+|[^a-z0-9'%]+$/gi, '') });
  }
  return candidates;
}

/**
 * Something to quote from a post with no clause worth quoting (a one-liner like "polyrhythms.
 * obviously."): its sentence with the most content words, up to twelve words, so a quotation
 * carries what the post says and never runs across a sentence break.
 */
export function anyPhrase(text: string): Quote {
  const sentences = text
    .replace(/"/g, "'")
    .split(new RegExp(`${BREAK.source}|@[a-z0-9_-]+,?`, 'i'))
    .map((t) => t.trim().replace(/^[^a-z0-9']+|[^a-z0-9'%]+$/gi, ''))
    .filter(Boolean);
  const weight = (t: string) => t.split(' ').filter(isContent).length * 100 + t.length;
  const best = sentences.reduce((a, b) => (weight(b) > weight(a) ? b : a), sentences[0] ?? text.trim());
  const words = best.split(' ').slice(0, 12);
  const content = words.filter(isContent);
  return { text: words.join(' '), key: (content.length ? content.slice(0, 2) : words.slice(0, 3)).join(' ') };
}

/** Content words of a text, lowercased: what two posts can be compared on. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).filter(isContent);
}
