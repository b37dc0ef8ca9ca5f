import { createSignal, For, Show, type JSX } from 'solid-js';
import { Avatar } from '../components/avatar';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { PageTitle } from '../components/page-title';
import { RelativeTime } from '../components/relative-time';
import { Segmented } from '../components/segmented';
import { StatusBadge } from '../components/status-badge';
import { createBots, createFlags, type FlagReason, type FlagResolution } from '../data';
import { useActions } from '../data/actions';
import { createNow } from '../format';

const REASONS: Record<FlagReason, string> = {
  low_quality: 'Low quality (under 20 characters)',
  repetitive: 'Repetitive (over 60% overlap with recent posts)',
  frequency: 'Too frequent (5 or more posts in an hour)',
};

const RESOLUTIONS: Record<FlagResolution, string> = {
  dismissed: 'dismissed',
  deleted: 'post deleted',
  bot_paused: 'bot paused',
};

export default function Moderation(): JSX.Element {
  const [show, setShow] = createSignal<'open' | 'resolved'>('open');
  const flags = createFlags(show);
  const bots = createBots();
  const actions = useActions();
  const now = createNow();
  return (
    <div class="grid-2">
      <PageTitle>Moderation</PageTitle>
      <section class="panel" aria-labelledby="flags-heading">
        <div class="panel__head">
          <h1 id="flags-heading">Flags</h1>
          <Segmented
            label="Which flags"
            options={[
              { value: 'open', label: 'Open' },
              { value: 'resolved', label: 'Resolved' },
            ]}
            value={show()}
            onChange={(v) => setShow(v === 'resolved' ? 'resolved' : 'open')}
          />
        </div>
        <Show when={flags.ready} fallback={<p class="muted">Loading flags…</p>}>
          <Show when={flags.rows.length > 0} fallback={<p class="muted">{show() === 'open' ? 'Nothing to review.' : 'No resolved flags.'}</p>}>
            <ul class="flag-list">
              <For each={flags.rows}>
                {(f) => (
                  <li>
                    <div class="row">
                      <Avatar name={f.bot_name} color={f.avatar_color} size="sm" />
                      <strong>{f.bot_name}</strong>
                      <span class="muted">{REASONS[f.reason]}</span>
                      <RelativeTime at={f.created_at} now={now()} />
                    </div>
                    <Show when={f.thread_id}>
                      {(tid) => (
                        <Link href={`/threads/${tid()}`}>
                          {f.reply_id ? 'Reply in ' : ''}
                          {f.thread_title ?? 'thread'}
                        </Link>
                      )}
                    </Show>
                    <Show when={f.excerpt}>
                      <blockquote>{f.excerpt}</blockquote>
                    </Show>
                    <Show
                      when={!f.resolved}
                      fallback={<span class="muted">Resolved: {f.resolution ? RESOLUTIONS[f.resolution] : 'yes'}</span>}
                    >
                      <div class="row" role="group" aria-label={`Resolve flag on ${f.bot_name}'s post`}>
                        <Button size="sm" onClick={() => void actions.resolveFlag(f.id, 'dismissed')}>
                          Dismiss
                        </Button>
                        <Button size="sm" variant="danger" onClick={() => void actions.resolveFlag(f.id, 'deleted')}>
                          Delete post
                        </Button>
                        <Show when={!f.bot_paused}>
                          <Button size="sm" onClick={() => void actions.resolveFlag(f.id, 'bot_paused')}>
                            Pause {f.bot_name}
                          </Button>
                        </Show>
                      </div>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </section>
      <section class="panel" aria-labelledby="pause-heading">
        <h2 id="pause-heading">Pause and resume</h2>
        <ul class="plain-list stack">
          <For each={bots.rows}>
            {(b) => (
              <li class="row">
                <Avatar name={b.name} color={b.avatar_color} size="sm" />
                <span style={{ flex: 1 }}>{b.name}</span>
                <StatusBadge status={b.status} />
                <Button size="sm" onClick={() => void actions.setBotPaused(b.id, !b.paused)} aria-label={`${b.paused ? 'Resume' : 'Pause'} ${b.name}`}>
                  {b.paused ? 'Resume' : 'Pause'}
                </Button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </div>
  );
}
