import { screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionPanel, sessionSentence } from '../../src/components/session-panel';
import type { Db } from '../../src/data/db';
import { createTestDb } from '../support/db';
import { renderWithDb } from '../support/render';

describe('sessionSentence', () => {
  it('says what the server said: signed in, not signed in, no token here or there, or not known', () => {
    expect(sessionSentence({ token_required: true, can_write: true })).toMatch(/^Signed in with the admin token/);
    expect(sessionSentence({ token_required: true, can_write: false })).toMatch(/^Not signed in/);
    expect(sessionSentence({ token_required: false, can_write: true })).toMatch(/^No sign-in needed: this server has no admin token/);
    expect(sessionSentence({ token_required: false, can_write: false })).toMatch(/no admin token .* only from its own machine/);
    expect(sessionSentence(null)).toMatch(/^Can't reach the server/);
    // Without a token there is no session, so nothing may claim one.
    for (const state of [{ token_required: false, can_write: true }, { token_required: false, can_write: false }, null]) {
      expect(sessionSentence(state)).not.toMatch(/signed in with/i);
    }
  });
});

describe('SessionPanel', () => {
  let db: Db;
  // Not closed: see test/data/primitives.test.ts (closing while an unsubscribe is in flight hangs).
  beforeAll(async () => {
    db = await createTestDb({ seed: false });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const answering = (body: unknown, status = 200) => {
    const fetch = vi.fn(async (_url: RequestInfo | URL) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };

  it('asks GET /api/session, and offers no sign-out on a server without an admin token', async () => {
    const fetch = answering({ token_required: false, can_write: true });
    renderWithDb(db, () => <SessionPanel />);
    await screen.findByText(/^No sign-in needed/);
    expect(String(fetch.mock.calls[0]![0])).toMatch(/\/api\/session$/);
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(screen.queryByText(/Signed in with the admin token/)).toBeNull();
  });

  it('offers sign-out to a browser signed in with the token', async () => {
    answering({ token_required: true, can_write: true });
    renderWithDb(db, () => <SessionPanel />);
    await screen.findByText(/^Signed in with the admin token/);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('says it cannot tell when the server does not answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    renderWithDb(db, () => <SessionPanel />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Can't reach the server/));
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
