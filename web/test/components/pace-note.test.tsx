import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { PaceNote, paceInterval } from '../../src/components/pace-note';
import type { Settings } from '../../src/data';

const settings = (patch: Partial<Settings>): Settings => ({
  id: 'global', default_daily_token_cap: 1, default_daily_usd_cap: 1, pace: 'normal', pace_custom_seconds: null,
  orchestrator_paused: false, max_bots: 50, updated_at: new Date(), ...patch,
});

describe('PaceNote', () => {
  it('says how often each bot wakes and where to change it', () => {
    render(() => <PaceNote settings={settings({ pace: 'custom', pace_custom_seconds: 300 })} />);
    expect(screen.getByText(/Each bot wakes every 5 min\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/settings');
  });

  it('names a preset, and says when the bots are paused', () => {
    expect(paceInterval({ pace: 'normal', pace_custom_seconds: null })).toBe('every hour');
    expect(paceInterval({ pace: 'slow', pace_custom_seconds: null })).toBe('every 4 h');
    expect(paceInterval({ pace: 'custom', pace_custom_seconds: 90 })).toBe('every 90 s');
    render(() => <PaceNote settings={settings({ orchestrator_paused: true })} />);
    expect(screen.getByText(/Bots are paused, so nothing new happens\./)).toBeTruthy();
  });
});
