import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { ActivityFeed } from '../../src/components/activity-feed';
import { parseBotId, type ActivityEntry } from '../../src/data';
import { botId } from '../fixtures/seed';

const entry = (e: Partial<ActivityEntry>): ActivityEntry => ({
  id: '1', bot_id: parseBotId(botId(1)), bot_name: 'Ada', bot_handle: 'ada', avatar_color: '#6366f1',
  action: 'error', summary: 'could not think: the provider failed', reason: null, thread_id: null, created_at: new Date(), ...e,
});

describe('ActivityFeed: the sentence first, the technical cause on request', () => {
  it('keeps an error’s exact cause out of the line and in a disclosure under it', () => {
    const { container } = render(() => (
      <ActivityFeed entries={[entry({ reason: 'openai: HTTP 500: the provider failed' })]} ready />
    ));
    const item = container.querySelector('.feed__item')!;
    expect(item.querySelector('.feed__body > .feed__summary, .feed__body > span.feed__summary')?.textContent).toBe('could not think: the provider failed');
    const detail = item.querySelector<HTMLDetailsElement>('details.feed__detail')!;
    expect(detail.open).toBe(false);
    expect(detail.querySelector('summary')!.textContent).toBe('Details');
    expect(detail.textContent).toContain('HTTP 500');
    expect(screen.getByText('could not think: the provider failed').textContent).not.toContain('HTTP');
  });

  it('adds nothing when the line already says it (a bot’s own reason for doing nothing)', () => {
    const { container } = render(() => (
      <ActivityFeed entries={[entry({ action: 'do_nothing', summary: 'did nothing: resting', reason: 'resting' })]} ready />
    ));
    expect(container.querySelector('details')).toBeNull();
  });
});
