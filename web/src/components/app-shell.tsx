import { useLocation } from '@solidjs/router';
import { createResource, ErrorBoundary, For, Match, onCleanup, Show, Suspense, Switch, type JSX } from 'solid-js';
import { createOnline, createOutboxCounts, createPendingEdits, createRejectedEdits, createSyncState, DbProvider, openDb, useDb, type OutboxCounts, type PendingEdit, type SyncState } from '../data';
import { relayOnline } from '../data/sync';
import type { DbKind } from '../data/db/open-db';
import { useActions } from '../data/actions';
import { createNow } from '../format';
import { EditNotices } from './edit-notices';
import { FirstSyncProgress } from './first-sync-progress';
import { Link } from './link';
import { RejectedEdits } from './rejected-edits';
import { Shortcuts } from './shortcuts';
import { SignIn } from './sign-in';
import { SkipLink } from './skip-link';
import { SyncStatus } from './sync-status';
import { ViewFailed } from './view-failed';

const NAV: readonly { href: string; label: string }[] = [
  { href: '/', label: 'Overview' },
  { href: '/activity', label: 'Activity' },
  { href: '/threads', label: 'Threads' },
  { href: '/search', label: 'Search' },
  { href: '/stats', label: 'Stats' },
  { href: '/calls', label: 'Calls' },
  { href: '/moderation', label: 'Moderation' },
  { href: '/settings', label: 'Settings' },
];

/** The public pages use their own database (public shapes only); everything else the dashboard's. */
const isPublicPath = (path: string) => path === '/public' || path.startsWith('/public/');

/** Opens the local database this part of the app reads (once per kind), then renders its layout. */
export function AppShell(props: { children?: JSX.Element }): JSX.Element {
  const location = useLocation();
  const kind = (): DbKind => (isPublicPath(location.pathname) ? 'public' : 'dashboard');
  const [db] = createResource(kind, openDb);
  return (
    <Switch>
      <Match when={db.error as unknown}>
        <main class="boot boot--error" role="alert">
          <h1>Chorus cannot open its local database</h1>
          <p>{String(db.error)}</p>
          <p class="muted">The dashboard needs IndexedDB and Web Workers; a private window or a blocked storage setting can prevent both.</p>
        </main>
      </Match>
      <Match when={!db.loading && db()}>
        {(ready) => (
          // Keyed by the database, so switching between public and dashboard pages rebuilds
          // every live query on the right one.
          <Show when={ready()} keyed>
            {(current) => (
              <DbProvider db={current}>
                <Show when={kind() === 'public'} fallback={<DashboardLayout>{props.children}</DashboardLayout>}>
                  <PublicLayout>{props.children}</PublicLayout>
                </Show>
              </DbProvider>
            )}
          </Show>
        )}
      </Match>
      <Match when={true}>
        <BootScreen />
      </Match>
    </Switch>
  );
}

/**
 * While the database engine (PGlite, about 4 MB compressed) downloads and starts: on a first visit
 * this takes seconds, so it says what is going on and for how long it has been.
 */
function BootScreen(): JSX.Element {
  const started = Date.now();
  const now = createNow(1000);
  const seconds = () => Math.max(0, Math.floor((now() - started) / 1000));
  return (
    <main class="boot" role="status">
      <div>
        <p>Starting the database in this browser…</p>
        <p class="muted">
          The first visit downloads its engine (about 4 MB); later visits start from this browser's copy.
          <Show when={seconds() >= 2}> {seconds()} s so far.</Show>
        </p>
      </div>
    </main>
  );
}

/** Read-only: the community, its sync status, nothing that writes or configures. */
function PublicLayout(props: { children?: JSX.Element }): JSX.Element {
  const sync = createSyncState();
  return (
    <Frame home="/public" sync={sync.row()} outbox={undefined}>
      <Content sync={sync.row()}>{props.children}</Content>
    </Frame>
  );
}

function DashboardLayout(props: { children?: JSX.Element }): JSX.Element {
  const location = useLocation();
  onCleanup(relayOnline(useDb()));
  const sync = createSyncState();
  const outbox = createOutboxCounts();
  const rejected = createRejectedEdits();
  const pendingEdits = createPendingEdits();
  const actions = useActions();
  const current = (href: string) => (href === '/' ? location.pathname === '/' : location.pathname.startsWith(href));
  const nav = (
    <nav class="nav" aria-label="Main">
      <For each={NAV}>
        {(item) => (
          <Link class="nav__link" href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
            {item.label}
          </Link>
        )}
      </For>
    </nav>
  );
  return (
    <Frame home="/" nav={nav} sync={sync.row()} outbox={outbox.row()} pendingEdits={pendingEdits.rows}>
      <Show when={sync.row()?.phase === 'signed_out'}>
        <SignIn />
      </Show>
      <RejectedEdits edits={rejected.rows} onDismiss={(id) => void actions.dismissRejected(id)} />
      <EditNotices />
      <Shortcuts />
      <Content sync={sync.row()}>{props.children}</Content>
    </Frame>
  );
}

/** The page around every view: skip link, top bar (brand, navigation, sync status), main. */
function Frame(props: {
  home: string;
  nav?: JSX.Element;
  sync: SyncState | undefined;
  outbox: OutboxCounts | undefined;
  pendingEdits?: readonly PendingEdit[];
  children: JSX.Element;
}): JSX.Element {
  const network = createOnline();
  const now = createNow(10_000);
  return (
    <>
      <SkipLink target="main">Skip to content</SkipLink>
      <header class="topbar">
        <Link class="brand" href={props.home}>
          <img src="/icons/icon.svg" alt="" width="24" height="24" />
          <span>Chorus</span>
        </Link>
        {props.nav}
        <SyncStatus
          online={network.online()}
          offlineSince={network.offlineSince()}
          state={props.sync}
          outbox={props.outbox}
          pendingEdits={props.pendingEdits}
          now={now()}
        />
      </header>
      <main id="main" class="main" tabindex="-1">
        {props.children}
      </main>
    </>
  );
}

/** The view, or the first-sync progress while a first visit has no data yet. */
function Content(props: { sync: SyncState | undefined; children?: JSX.Element }): JSX.Element {
  const firstVisit = () => {
    const s = props.sync;
    return s !== undefined && !s.has_data && (s.phase === 'initial' || s.phase === 'idle' || s.phase === 'syncing');
  };
  return (
    <Show when={!firstVisit()} fallback={<FirstSyncProgress ready={props.sync?.shapes_ready ?? 0} total={props.sync?.shapes_total ?? 0} />}>
      <ErrorBoundary fallback={(err) => <ViewFailed error={err} />}>
        <Suspense>{props.children}</Suspense>
      </ErrorBoundary>
    </Show>
  );
}
