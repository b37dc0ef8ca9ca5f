import { describe, expect, it } from 'vitest';
import { describeSync, type OutboxCounts, type SyncState } from '../../src/data';

const state = (phase: SyncState['phase'], extra: Partial<SyncState> = {}): SyncState => ({
  id: 'sync',
  phase,
  shapes_total: 15,
  shapes_ready: 4,
  last_synced_at: null,
  error: null,
  write_error: null,
  unreachable_since: null,
  has_data: true,
  ...extra,
});
const outbox = (pending: number, rejected = 0): OutboxCounts => ({ id: 'outbox', pending, rejected });
const down = new Date('2026-01-01T10:31:04Z');

describe('describeSync', () => {
  it('says offline before anything else, with since when and what happens to changes', () => {
    const offlineAt = new Date('2026-01-01T10:00:00Z');
    const v = describeSync({ online: false, offlineSince: offlineAt, state: state('up_to_date', { unreachable_since: down }), outbox: outbox(2) });
    expect(v).toMatchObject({ condition: 'offline', label: 'Offline', tone: 'offline', since: offlineAt, pending: 2 });
    expect(v.detail).toContain('sent once you are back online');
  });

  it('says the server cannot be reached over every phase, since the first failed request', () => {
    for (const phase of ['up_to_date', 'initial', 'syncing', 'error', 'signed_out'] as const) {
      const v = describeSync({ online: true, state: state(phase, { unreachable_since: down }), outbox: outbox(1) });
      expect(v).toMatchObject({ condition: 'unreachable', label: "Can't reach the server, retrying", tone: 'error', since: down });
      expect(v.detail).toContain('kept here');
    }
    expect(describeSync({ online: true, state: state('up_to_date', { unreachable_since: down }), outbox: outbox(0) }).detail).not.toContain('kept');
  });

  it('tells a first visit (loading, with progress) from a reload with data (catching up)', () => {
    const first = describeSync({ online: true, state: state('initial', { has_data: false }), outbox: outbox(0) });
    expect(first).toMatchObject({ condition: 'loading', label: 'Loading', tone: 'busy' });
    expect(first.detail).toContain('4 of 15 tables');
    expect(describeSync({ online: true, state: state('initial'), outbox: outbox(0) })).toMatchObject({ condition: 'catching_up', label: 'Catching up' });
    expect(describeSync({ online: true, state: state('syncing', { has_data: false }), outbox: outbox(0) }).condition).toBe('catching_up');
  });

  it('is up to date only when the sync says so and the server answers', () => {
    expect(describeSync({ online: true, state: state('up_to_date'), outbox: outbox(0) })).toMatchObject({ condition: 'up_to_date', label: 'Up to date', tone: 'ok' });
  });

  it('names sign-in, server errors, a database still opening and a browser that cannot sync', () => {
    expect(describeSync({ online: true, state: state('signed_out'), outbox: outbox(3) })).toMatchObject({ condition: 'signed_out', label: 'Sign in to sync', pending: 3 });
    const error = describeSync({ online: true, state: state('error', { error: 'HTTP 500' }), outbox: outbox(0) });
    expect(error).toMatchObject({ condition: 'error', label: 'Sync error, retrying', tone: 'error', detail: 'HTTP 500' });
    expect(describeSync({ online: true, state: undefined, outbox: undefined })).toMatchObject({ condition: 'starting', pending: 0, rejected: 0 });
    expect(describeSync({ online: true, state: state('idle'), outbox: outbox(0) }).condition).toBe('starting');
    expect(describeSync({ online: true, state: state('unavailable'), outbox: outbox(0, 1) })).toMatchObject({ condition: 'not_syncing', rejected: 1 });
  });
});
