import { useLocation } from '@solidjs/router';
import { createResource, ErrorBoundary, For, Match, Show, Suspense, Switch, type JSX } from 'solid-js';
import { createOnline, createOutboxCounts, createRejectedEdits, createSyncState, DbProvider, openDb } from '../data';
import { useActions } from '../data/actions';
import { createNow } from '../format';
import { FirstSyncProgress } from './first-sync-progress';
import { Link } from './link';
import { RejectedEdits } from './rejected-edits';
import { SyncStatus } from './sync-status';

const NAV: readonly { href: string; label: string }[] = [
  { href: '/', label: 'Overview' },
  { href: '/threads', label: 'Threads' },
  { href: '/stats', label: 'Stats' },
  { href: '/moderation', label: 'Moderation' },
  { href: '/settings', label: 'Settings' },
];

/** Opens the shared local database once for the whole app, then renders the chosen layout. */
export function AppShell(props: { children?: JSX.Element }): JSX.Element {
  const [db] = createResource(openDb);
  return (
    <Switch>
      <Match when={db.error as unknown}>
        <main class="boot boot--error" role="alert">
          <h1>Chorus cannot open its local database</h1>
          <p>{String(db.error)}</p>
          <p class="muted">The dashboard needs IndexedDB and Web Workers; a private window or a blocked storage setting can prevent both.</p>
        </main>
      </Match>
      <Match when={db()}>
        {(ready) => (
          <DbProvider db={ready()}>
            <Layout>{props.children}</Layout>
          </DbProvider>
        )}
      </Match>
      <Match when={true}>
        <main class="boot" role="status">
          <p>Opening local database…</p>
        </main>
      </Match>
    </Switch>
  );
}

function Layout(props: { children?: JSX.Element }): JSX.Element {
  const location = useLocation();
  const isPublic = () => location.pathname === '/public' || location.pathname.startsWith('/public/');
  const online = createOnline();
  const sync = createSyncState();
  const outbox = createOutboxCounts();
  const rejected = createRejectedEdits();
  const actions = useActions();
  const now = createNow(10_000);
  const current = (href: string) => (href === '/' ? location.pathname === '/' : location.pathname.startsWith(href));
  const firstVisit = () => {
    const s = sync.row();
    return s !== undefined && !s.has_data && (s.phase === 'initial' || s.phase === 'idle' || s.phase === 'syncing');
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link class="brand" href={isPublic() ? '/public' : '/'}>
          <img src="/icons/icon.svg" alt="" width="24" height="24" />
          <span>Chorus</span>
        </Link>
        <Show when={!isPublic()}>
          <nav class="nav" aria-label="Main">
            <For each={NAV}>
              {(item) => (
                <Link class="nav__link" href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              )}
            </For>
          </nav>
        </Show>
        <SyncStatus online={online()} state={sync.row()} outbox={isPublic() ? undefined : outbox.row()} now={now()} />
      </header>
      <main id="main" class="main" tabindex="-1">
        <Show when={!isPublic()}>
          <RejectedEdits edits={rejected.rows} onDismiss={(id) => void actions.dismissRejected(id)} />
        </Show>
        <Show when={!firstVisit()} fallback={<FirstSyncProgress ready={sync.row()?.shapes_ready ?? 0} total={sync.row()?.shapes_total ?? 0} />}>
          <ErrorBoundary fallback={(err) => <p role="alert">This view failed: {String(err)}</p>}>
            <Suspense>{props.children}</Suspense>
          </ErrorBoundary>
        </Show>
      </main>
    </>
  );
}
