import type { OutboxCounts, SyncState } from './sync-status';

/**
 * What the sync status element says, decided from everything that can be true at once. One
 * condition wins, in this order: the browser is offline; the server does not answer; the server
 * wants a sign-in; the server answered with an error; the data is loading (a first visit),
 * catching up (data is here, the latest is on its way) or up to date. Pending and refused edits
 * are told beside whichever condition holds.
 */
export type SyncCondition = 'offline' | 'unreachable' | 'signed_out' | 'error' | 'starting' | 'loading' | 'catching_up' | 'up_to_date' | 'not_syncing';

export type SyncTone = 'ok' | 'busy' | 'offline' | 'error';

export interface SyncInput {
  /** The browser's own network state (navigator.onLine in this tab). */
  online: boolean;
  /** When this tab saw the browser go offline, if it did. */
  offlineSince?: Date | null;
  state: SyncState | undefined;
  outbox: OutboxCounts | undefined;
}

export interface SyncView {
  condition: SyncCondition;
  /** A few words for the header. */
  label: string;
  tone: SyncTone;
  /** One sentence for the details: what is happening and what it means for the person. */
  detail: string;
  /** Since when the condition holds, where that is known and matters (offline, unreachable). */
  since: Date | null;
  pending: number;
  rejected: number;
}

export function describeSync(input: SyncInput): SyncView {
  const { state } = input;
  const pending = input.outbox?.pending ?? 0;
  const rejected = input.outbox?.rejected ?? 0;
  const view = (condition: SyncCondition, label: string, tone: SyncTone, detail: string, since: Date | null = null): SyncView => ({
    condition,
    label,
    tone,
    detail,
    since,
    pending,
    rejected,
  });
  const kept = pending > 0 ? ' Your changes are kept here and sent when it answers again.' : '';

  if (!input.online) {
    return view(
      'offline',
      'Offline',
      'offline',
      `This browser is offline: you see what is stored here.${pending > 0 ? ' Your changes are kept and sent once you are back online.' : ''}`,
      input.offlineSince ?? null,
    );
  }
  if (state?.unreachable_since) {
    return view('unreachable', "Can't reach the server, retrying", 'error', `The server has not answered; you see what is stored here.${kept}`, state.unreachable_since);
  }
  switch (state?.phase) {
    case 'signed_out':
      return view('signed_out', 'Sign in to sync', 'error', state.error ?? 'This server needs its admin token: sign in to sync.');
    case 'error':
      return view('error', 'Sync error, retrying', 'error', state.error ?? 'The server answered with an error; the sync tries again.');
    case 'unavailable':
      return view('not_syncing', 'Not syncing', 'error', state.error ?? 'This browser cannot sync.');
    case undefined:
    case 'idle':
      return view('starting', 'Starting', 'busy', 'Opening the local database.');
    case 'initial':
    case 'syncing':
      // Data on screen is not "loading": it is there, and newer data is on its way.
      if (state.has_data || state.phase === 'syncing') {
        return view('catching_up', 'Catching up', 'busy', 'You see what is stored here; the latest changes are on their way.');
      }
      return view(
        'loading',
        'Loading',
        'busy',
        `Copying the community into this browser: ${state.shapes_ready} of ${state.shapes_total} tables.`,
      );
    case 'up_to_date':
      return view('up_to_date', 'Up to date', 'ok', 'You see everything the server has.');
  }
}
