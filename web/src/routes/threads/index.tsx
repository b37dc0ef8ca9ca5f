import { useSearchParams } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { PageTitle } from '../../components/page-title';
import { Select } from '../../components/select';
import { TextField } from '../../components/text-field';
import { ThreadList } from '../../components/thread-list';
import { createBots, createTags, createThreads, tryParseBotId } from '../../data';

// Not a possible tag, bot id or memory kind, and not '' (Kobalte treats an empty key as no selection).
const ALL = '*';

export default function Threads(): JSX.Element {
  // Filters live in the URL so a filtered list can be bookmarked and survives a reload.
  const [params, setParams] = useSearchParams<{ q?: string; bot?: string; tag?: string }>();
  const bots = createBots();
  const tags = createTags();
  const threads = createThreads(() => ({
    search: params.q ?? '',
    botId: tryParseBotId(params.bot),
    tag: params.tag || undefined,
    limit: 200,
  }));
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
      <p class="muted" aria-live="polite">
        {threads.ready ? `${threads.rows.length} ${threads.rows.length === 1 ? 'thread' : 'threads'}` : ''}
      </p>
      <ThreadList threads={threads.rows} ready={threads.ready} href={(id) => `/threads/${id}`} empty="No thread matches these filters." />
    </section>
  );
}
