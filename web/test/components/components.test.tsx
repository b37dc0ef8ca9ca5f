import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivityFeed } from '../../src/components/activity-feed';
import { textColorOn } from '../../src/components/avatar';
import { BotList } from '../../src/components/bot-list';
import { CapField } from '../../src/components/cap-field';
import { ConfigPanel } from '../../src/components/config-panel';
import { MemoryExplorer } from '../../src/components/memory-explorer';
import { SyncStatus } from '../../src/components/sync-status';
import { Chart, lineOption } from '../../src/charts';
import { parseBotId, type ActivityEntry, type BotConfig, type BotSummary, type SyncState } from '../../src/data';
import type { Db } from '../../src/data/db';
import { botId } from '../fixtures/seed';
import { createTestDb } from '../support/db';
import { renderWithDb } from '../support/render';

const MIN = 60_000;

describe('ActivityFeed', () => {
  it('names each action and shows a relative time that moves on', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-01-01T12:00:00Z'));
    const entries: ActivityEntry[] = [
      { id: '1', bot_id: parseBotId(botId(1)), bot_name: 'Ada', bot_handle: 'ada', avatar_color: '#6366f1', action: 'create_thread', summary: 'started "Engines"', reason: null, thread_id: null, created_at: new Date(Date.now() - 2 * MIN) },
      { id: '2', bot_id: parseBotId(botId(2)), bot_name: 'Basil', bot_handle: 'basil', avatar_color: '#10b981', action: 'do_nothing', summary: 'did nothing', reason: 'nothing new', thread_id: null, created_at: new Date(Date.now() - 30_000) },
    ];
    render(() => <ActivityFeed entries={entries} ready />);
    expect(screen.getByRole('img', { name: 'Started a thread' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Did nothing' })).toBeTruthy();
    expect(screen.getByText('2 min ago')).toBeTruthy();
    expect(screen.getByText(/nothing new/)).toBeTruthy();
    vi.advanceTimersByTime(3 * MIN);
    await waitFor(() => expect(screen.getByText('5 min ago')).toBeTruthy());
    vi.useRealTimers();
  });
});

describe('SyncStatus', () => {
  // happy-dom lays every span out as a block, so the name computation puts a space after each;
  // Chromium joins inline text as it is.
  const named = (want: string | RegExp) => (name: string) => {
    const joined = name.replace(/\s+,/g, ',').replace(/\s+/g, ' ');
    return typeof want === 'string' ? joined === want : want.test(joined);
  };
  const state = (phase: SyncState['phase'], extra: Partial<SyncState> = {}): SyncState => ({
    id: 'sync', phase, shapes_total: 15, shapes_ready: 15, last_synced_at: new Date(Date.now() - 2 * MIN), error: null, write_error: null, unreachable_since: null, has_data: true, ...extra,
  });
  it('names network, state, last sync and pending changes in one accessible name that contains what is seen', () => {
    render(() => <SyncStatus online state={state('up_to_date')} outbox={{ id: 'outbox', pending: 2, rejected: 0 }} now={Date.now()} />);
    const button = screen.getByRole('button', { name: named('Online, Up to date, last sync 2 min ago, 2 pending changes') });
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(button.querySelector('.sync-status__label')?.textContent).toBe('Up to date');
  });
  it('says the server cannot be reached, and since when, over a stale "up to date"', () => {
    const since = new Date(Date.now() - 45_000);
    render(() => <SyncStatus online state={state('up_to_date', { unreachable_since: since })} outbox={{ id: 'outbox', pending: 1, rejected: 0 }} now={Date.now()} />);
    const button = screen.getByRole('button', { name: named(/^Online, Can't reach the server, retrying, since \d\d:\d\d:\d\d, last sync 2 min ago, 1 pending change$/) });
    expect(button.getAttribute('data-condition')).toBe('unreachable');
  });
  it('lists the pending changes in its details', async () => {
    const edits = [
      { id: 'a', type: 'bot.set_paused', state: 'pending' as const, created_at: new Date(Date.now() - 3 * MIN), attempts: 2 },
      { id: 'b', type: 'settings.update', state: 'sent' as const, created_at: new Date(), attempts: 1 },
    ];
    render(() => <SyncStatus online={false} state={state('up_to_date')} outbox={{ id: 'outbox', pending: 2, rejected: 0 }} pendingEdits={edits} now={Date.now()} />);
    fireEvent.click(screen.getByRole('button', { name: named(/^Offline, last sync 2 min ago, 2 pending changes$/) }));
    const list = await screen.findByRole('list', { name: 'Pending changes' });
    expect(list.textContent).toContain('Pause/resume: waiting to be sent (2 attempts), made 3 min ago');
    expect(list.textContent).toContain('Settings change: sent, waiting for the server to confirm');
  });
});

describe('BotList', () => {
  it('shows a coloured initial, reputation and status, and links to the bot', () => {
    const bots: BotSummary[] = [
      { id: parseBotId(botId(1)), handle: 'ada', name: 'ada', avatar_color: '#fef08a', reputation: 7, upvotes: 8, downvotes: 1, paused: false, provider: 'sim', model: 'm', status: 'capped', tokens_today: 1, usd_today: 0, token_cap: 1, usd_cap: 1 },
    ];
    render(() => <BotList bots={bots} ready href={(id) => `/bots/${id}`} />);
    const link = screen.getByRole('link', { name: /ada/ });
    expect(link.getAttribute('href')).toBe(`/bots/${botId(1)}`);
    expect(link.textContent).toContain('A');
    expect(screen.getByText('At cap')).toBeTruthy();
    // A light avatar colour gets dark text.
    expect(textColorOn('#fef08a')).toBe('#000');
    expect(textColorOn('#1e1b4b')).toBe('#fff');
  });
});

describe('CapField', () => {
  it('goes from default to custom (starting at the default) and back with reset', async () => {
    const [value, setValue] = createSignal<number | null>(null);
    const commits: (number | null)[] = [];
    render(() => (
      <CapField label="Token cap" value={value()} defaultValue={100000} format={(v) => `${v} tokens`} onCommit={(v) => { commits.push(v); setValue(v); }} />
    ));
    expect(screen.getByText(/100000 tokens/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set a custom cap' }));
    expect(commits).toEqual([100000]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reset to default' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
    expect(commits).toEqual([100000, null]);
  });
});

describe('with the seeded database', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });

  it('ConfigPanel shows a level at 0 as 0 and saves a text field once, on commit', async () => {
    const res = await db.query<BotConfig>('SELECT id, name, handle FROM bots LIMIT 1');
    const bot = {
      ...res.rows[0]!, origin_story: '', traits: [], communication_style: '', interests: [], quirks: [], creativity: 0, leadership: 100, skepticism: 50,
      aggression: 0, shyness: 50, engagement_style: 'balanced', provider: 'sim', model: 'chorus-sim-1', memory_model: null, temperature: 0.8,
      max_tokens: 400, daily_token_cap: null, daily_usd_cap: null, default_token_cap: 100000, default_usd_cap: 1,
    } as unknown as BotConfig;
    const onChange = vi.fn(() => Promise.resolve());
    render(() => <ConfigPanel bot={bot} models={[{ provider: 'sim', model: 'chorus-sim-1', simulated: true }]} onChange={onChange} />);
    // getByRole throws on two matches: each slider is one slider to assistive tech.
    const thumb = (name: string) => screen.getByRole('slider', { name });
    expect(thumb('Creativity').getAttribute('aria-valuenow')).toBe('0');
    expect(thumb('Leadership').getAttribute('aria-valuenow')).toBe('100');
    const name = screen.getByRole('textbox', { name: 'Name' });
    fireEvent.input(name, { target: { value: 'Ada Lovelace' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(name);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ name: 'Ada Lovelace' }));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('MemoryExplorer pages warm memory and searches cold memory', async () => {
    renderWithDb(db, () => <MemoryExplorer botId={() => parseBotId(botId(1))} />);
    await waitFor(() => expect(screen.getByText('23 items')).toBeTruthy());
    expect(screen.getByText(/Fact 1:/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(screen.getByText('Memory 23 about episode.')).toBeTruthy());
    fireEvent.mouseDown(screen.getByRole('tab', { name: 'Cold' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Cold' }));
    const search = await screen.findByRole('searchbox', { name: 'Search cold memory' });
    fireEvent.input(search, { target: { value: 'looms' } });
    await waitFor(() => expect(screen.getByText('1 summary')).toBeTruthy());
    // The match is marked, not wrapped in the guillemets ts_headline puts around it.
    expect(screen.getByText("looms", { selector: "mark" })).toBeTruthy();
    expect(screen.queryByText(/«/)).toBeNull();
  });
});

describe('Chart', () => {
  it('draws into an SVG on mount and disposes with its owner', async () => {
    const { container, unmount } = render(() => <Chart label="Reputation by day" option={lineOption(['a', 'b'], [{ name: 'x', data: [1, 2] }])} />);
    const el = screen.getByRole('img', { name: 'Reputation by day' });
    await waitFor(() => expect(el.querySelector('svg')).toBeTruthy());
    unmount();
    expect(container.querySelector('svg')).toBeNull();
  });
});
