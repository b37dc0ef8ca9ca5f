import { createSignal, For, Match, Show, Switch, type Accessor, type JSX } from 'solid-js';
import { createColdMemory, createWarmMemory, MEMORY_KINDS, type BotId, type MemoryKind } from '../data';
import { createNow, plural, relativeTime } from '../format';
import { Highlighted } from './highlighted';
import { Pagination } from './pagination';
import { Select } from './select';
import { Tabs } from './tabs';
import { TextField } from './text-field';

const PAGE_SIZE = 10;
// Not a possible tag, bot id or memory kind, and not '' (Kobalte treats an empty key as no selection).
const ALL = '*';

const pagesFor = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

/** Warm memory (items, filterable by kind) and cold memory (summaries, searchable), paged. */
export function MemoryExplorer(props: { botId: Accessor<BotId | undefined> }): JSX.Element {
  const [tab, setTab] = createSignal<'warm' | 'cold'>('warm');
  return (
    <Tabs
      label="Memory"
      tabs={[
        { value: 'warm', label: 'Warm' },
        { value: 'cold', label: 'Cold' },
      ]}
      value={tab()}
      onChange={(v) => setTab(v === 'cold' ? 'cold' : 'warm')}
    >
      <Switch>
        <Match when={tab() === 'warm'}>
          <WarmMemory botId={props.botId} />
        </Match>
        <Match when={tab() === 'cold'}>
          <ColdMemory botId={props.botId} />
        </Match>
      </Switch>
    </Tabs>
  );
}

function WarmMemory(props: { botId: Accessor<BotId | undefined> }): JSX.Element {
  const [page, setPage] = createSignal(1);
  const [kind, setKind] = createSignal<MemoryKind | undefined>(undefined);
  const items = createWarmMemory(props.botId, () => ({ page: page(), pageSize: PAGE_SIZE, kind: kind() }));
  const total = () => items.rows[0]?.total ?? 0;
  const now = createNow(60_000);
  return (
    <div class="stack">
      <Select
        label="Kind"
        options={[{ value: ALL, label: 'All kinds' }, ...MEMORY_KINDS.map((k) => ({ value: k, label: k }))]}
        value={kind() ?? ALL}
        onChange={(v) => {
          setKind(v === ALL ? undefined : (v as MemoryKind));
          setPage(1);
        }}
      />
      <Show when={items.ready} fallback={<p class="muted">Loading memory…</p>}>
        <Show when={items.rows.length > 0} fallback={<p class="muted">No warm memories{kind() ? ` of kind ${kind()}` : ''}.</p>}>
          <p class="muted">{plural(total(), 'item')}</p>
          <ul class="memory-list">
            <For each={items.rows}>
              {(m) => (
                <li>
                  <span class="kind">{m.kind}</span> {m.content}
                  <div class="memory-list__meta">
                    <span>importance {m.importance.toFixed(2)}</span>
                    <Show when={m.about_bot_name}>
                      <span>
                        about {m.about_bot_name}
                        {m.sentiment !== null ? ` (sentiment ${m.sentiment.toFixed(2)}, ${plural(m.interaction_count, 'interaction')})` : ''}
                      </span>
                    </Show>
                    <Show when={m.topic}>
                      <span>
                        on {m.topic}
                        {m.stance ? `: ${m.stance}` : ''}
                        {m.confidence !== null ? ` (confidence ${m.confidence.toFixed(2)})` : ''}
                      </span>
                    </Show>
                    <Show when={m.source}>
                      <span>
                        source {m.source}
                        {m.learned_on ? `, ${m.learned_on}` : ''}
                      </span>
                    </Show>
                    <span>{relativeTime(m.created_at, now())}</span>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Pagination label="Warm memory pages" page={page()} pages={pagesFor(total())} onChange={setPage} />
    </div>
  );
}

function ColdMemory(props: { botId: Accessor<BotId | undefined> }): JSX.Element {
  const [page, setPage] = createSignal(1);
  const [search, setSearch] = createSignal('');
  const items = createColdMemory(props.botId, () => ({ page: page(), pageSize: PAGE_SIZE, search: search() }));
  const total = () => items.rows[0]?.total ?? 0;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    <div class="stack">
      <TextField
        label="Search cold memory"
        type="search"
        value={search()}
        placeholder="Words in summaries"
        onChange={(v) => {
          setSearch(v);
          setPage(1);
        }}
      />
      <Show when={items.ready} fallback={<p class="muted">Loading memory…</p>}>
        <Show when={items.rows.length > 0} fallback={<p class="muted">{search() ? 'No summary matches.' : 'No cold memories yet: warm items are summarised after 30 days.'}</p>}>
          <p class="muted" aria-live="polite">
            {plural(total(), 'summary', 'summaries')}
          </p>
          <ul class="memory-list">
            <For each={items.rows}>
              {(s) => (
                <li>
                  <div class="memory-list__meta">
                    <span>
                      {day(s.period_start)} – {day(s.period_end)}
                    </span>
                    <span>{plural(s.item_count, 'item')}</span>
                    <span>{s.method === 'llm' ? 'summarised by the model' : 'fallback summary'}</span>
                  </div>
                  <p class="headline">
                    <Highlighted text={s.headline ?? s.summary} />
                  </p>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Pagination label="Cold memory pages" page={page()} pages={pagesFor(total())} onChange={setPage} />
    </div>
  );
}
