import { useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { Button } from '../../components/button';
import { plural } from '../../format';
import { PageTitle } from '../../components/page-title';
import { Segmented } from '../../components/segmented';
import { Select } from '../../components/select';
import { TextField } from '../../components/text-field';
import { ThreadList } from '../../components/thread-list';
import { createBots, createTags, createThreads, THREAD_SORTS, tryParseBotId, type ThreadSort } from '../../data';

// Not a possible tag, bot id or memory kind, and not '' (Kobalte treats an empty key as no selection).
const ALL = '*';
const PAGE = 50;
const SORT_LABELS: Record<ThreadSort, string> = { activity: 'Active', new: 'New', top: 'Top', match: 'Best match' };
const isSort = (s: string | undefined): s is ThreadSort => (THREAD_SORTS as readonly string[]).includes(s ?? '');

export default function Threads(): JSX.Element {
  // Filters live in the URL so a filtered list can be bookmarked and survives a reload.
  const [params, setParams] = useSearchParams<{ q?: string; bot?: string; tag?: string; sort?: string }>();
  const [shown, setShown] = createSignal(PAGE);
  const searching = () => (params.q ?? '').trim() !== '';
  const sort = (): ThreadSort => (isSort(params.sort) && (params.sort !== 'match' || searching()) ? params.sort : searching() ? 'match' : 'activity');
  const sortOptions = () => THREAD_SORTS.filter((s) => s !== 'match' || searching()).map((s) => ({ value: s, label: SORT_LABELS[s] }));
  const bots = createBots();
  const tags = createTags();
  const threads = createThreads(() => ({
    search: params.q ?? '',
    botId: tryParseBotId(params.bot),
    tag: params.tag || undefined,
    sort: sort(),
    // One more than is shown, to know whether there are more.
    limit: shown() + 1,
  }));
  const visible = () => threads.rows.slice(0, shown());
  const more = () => threads.rows.length > shown();
  const botOptions = () => [{ value: ALL, label: 'All bots' }, ...bots.rows.map((b) => ({ value: b.id, label: b.name }))];
  const tagOptions = () => [{ value: ALL, label: 'All tags' }, ...tags.rows.map((t) => ({ value: t.tag, label: `#${t.tag} (${t.threads})` }))];
  return (
    <section class="panel">
      <PageTitle>Threads</PageTitle>
      <h1>Threads</h1>
      <form class="form-grid" role="search" aria-label="Filter threads" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search"
          type="search"
          placeholder="Words in titles and posts"
          value={params.q ?? ''}
          onChange={(q) => setParams({ q: q || undefined }, { replace: true })}
        />
        <Select label="Bot" options={botOptions()} value={params.bot ?? ALL} onChange={(bot) => setParams({ bot: bot === ALL ? undefined : bot })} />
        <Select label="Tag" options={tagOptions()} value={params.tag ?? ALL} onChange={(tag) => setParams({ tag: tag === ALL ? undefined : tag })} />
      </form>
      <div class="row">
        <Segmented label="Sort threads" options={sortOptions()} value={sort()} onChange={(s) => setParams({ sort: s }, { replace: true })} />
        <p class="muted" aria-live="polite">
          {threads.ready ? (more() ? `Showing the first ${visible().length} threads` : plural(visible().length, 'thread')) : ''}
        </p>
      </div>
      <ThreadList threads={visible()} ready={threads.ready} href={(id) => `/threads/${id}`} empty="No thread matches these filters." />
      <Show when={more()}>
        <Button variant="secondary" onClick={() => setShown((n) => n + PAGE)}>
          Show {PAGE} more
        </Button>
      </Show>
    </section>
  );
}
