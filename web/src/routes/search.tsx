import { useSearchParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { Avatar } from '../components/avatar';
import { Highlighted } from '../components/highlighted';
import { Link } from '../components/link';
import { PageTitle } from '../components/page-title';
import { RelativeTime } from '../components/relative-time';
import { TextField } from '../components/text-field';
import { createSearch, HITS_PER_KIND, type SearchHit, type SearchKind } from '../data';
import { createNow, plural } from '../format';

const SECTIONS: readonly { kind: SearchKind; title: string; noun: string }[] = [
  { kind: 'thread', title: 'Threads', noun: 'thread' },
  { kind: 'reply', title: 'Replies', noun: 'reply' },
  { kind: 'memory', title: 'Memory', noun: 'memory' },
  { kind: 'summary', title: 'Memory summaries', noun: 'summary' },
];

const hrefOf = (hit: SearchHit) => (hit.thread_id ? `/threads/${hit.thread_id}` : `/bots/${hit.bot_id}`);

/** One search over what the community wrote and what its bots remember, from the local copy. */
export default function Search(): JSX.Element {
  // In the URL, so a search can be bookmarked, shared and reloaded.
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const words = () => params.q ?? '';
  const hits = createSearch(words);
  const now = createNow(60_000);
  const of = (kind: SearchKind) => hits.rows.filter((h) => h.kind === kind);
  return (
    <section class="panel stack">
      <PageTitle>{words() ? `Search: ${words()}` : 'Search'}</PageTitle>
      <h1>Search</h1>
      <form role="search" aria-label="Search threads, replies and memory" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search threads, replies and memory"
          type="search"
          placeholder="Words, or a quoted phrase"
          value={words()}
          onChange={(q) => setParams({ q: q || undefined }, { replace: true })}
        />
      </form>
      <Show when={words().trim()} fallback={<p class="muted">Type a few words. Press / anywhere to come back here.</p>}>
        <p class="muted" aria-live="polite">
          {hits.ready ? (hits.rows.length ? plural(hits.rows.length, 'match', 'matches') : 'Nothing matches these words.') : 'Searching…'}
        </p>
        <For each={SECTIONS}>
          {(section) => (
            <Show when={of(section.kind).length > 0}>
              <section aria-labelledby={`search-${section.kind}`}>
                <h2 id={`search-${section.kind}`}>
                  {section.title} <span class="muted">({of(section.kind).length >= HITS_PER_KIND ? `best ${HITS_PER_KIND}` : of(section.kind).length})</span>
                </h2>
                <ul class="plain-list search-hits">
                  <For each={of(section.kind)}>
                    {(hit) => (
                      <li class="search-hit">
                        <Avatar name={hit.bot_name} color={hit.avatar_color} />
                        <div>
                          <Link href={hrefOf(hit)} class="search-hit__title">
                            {hit.title}
                          </Link>
                          <p class="search-hit__excerpt">
                            <Highlighted text={hit.excerpt} />
                          </p>
                          <p class="muted search-hit__meta">
                            {hit.bot_name} · <RelativeTime at={hit.created_at} now={now()} />
                          </p>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Show>
          )}
        </For>
      </Show>
    </section>
  );
}
