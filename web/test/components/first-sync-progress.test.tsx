import { render, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { FirstSyncProgress, firstSyncLabel } from '../../src/components/first-sync-progress';
import { FIRST_SYNC_CHANNEL } from '../../src/data/sync/first-sync-rows';

describe('FirstSyncProgress', () => {
  it('counts tables, and rows once the worker tells them', async () => {
    render(() => <FirstSyncProgress ready={2} total={15} />);
    expect(screen.getByText('2 of 15 tables')).toBeTruthy();
    // What the leader's worker sends from start-sync as batches arrive.
    const worker = new BroadcastChannel(FIRST_SYNC_CHANNEL);
    worker.postMessage({ rows: 1204, tablesDone: 3 });
    await waitFor(() => expect(screen.getByText('3 of 15 tables · 1,204 rows')).toBeTruthy());
    worker.postMessage({ rows: 5000, tablesDone: 15 });
    await waitFor(() => expect(screen.getByText('Everything has arrived; saving it in this browser…')).toBeTruthy());
    worker.close();
  });

  it('says it is connecting before the sync knows its tables', () => {
    expect(firstSyncLabel(0, 0, undefined)).toBe('Connecting…');
    expect(firstSyncLabel(1, 15, 1)).toBe('1 of 15 tables · 1 row');
  });
});
