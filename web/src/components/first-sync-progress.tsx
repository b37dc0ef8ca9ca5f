import { Progress } from '@kobalte/core/progress';
import { Show, type JSX } from 'solid-js';
import { createFirstSyncRows } from '../data/sync/first-sync-rows';

const count = new Intl.NumberFormat('en');

/** "3 of 15 tables · 1,204 rows": what has arrived so far, rows once the worker has told them. */
export function firstSyncLabel(ready: number, total: number, rows: number | undefined): string {
  if (total === 0) return 'Connecting…';
  const tables = `${ready} of ${total} tables`;
  return rows === undefined ? tables : `${tables} · ${count.format(rows)} row${rows === 1 ? '' : 's'}`;
}

/** Shown on a first visit while the initial sync fills the empty local database. */
export function FirstSyncProgress(props: { ready: number; total: number }): JSX.Element {
  const rows = createFirstSyncRows();
  // The worker's own count can run ahead of the status row, which waits for the database.
  const ready = () => Math.max(props.ready, rows()?.tablesDone ?? 0);
  return (
    <div class="first-sync" role="status">
      <h2>Loading the community</h2>
      <p class="muted">The first visit copies the data into this browser; later visits open at once, online or not.</p>
      <Progress
        class="progress"
        value={ready()}
        minValue={0}
        maxValue={Math.max(props.total, 1)}
        indeterminate={props.total === 0}
        getValueLabel={() => firstSyncLabel(ready(), props.total, rows()?.rows)}
      >
        <div class="progress__head">
          <Progress.Label class="progress__label">Initial sync</Progress.Label>
          <Progress.ValueLabel class="muted" />
        </div>
        <Progress.Track class="progress__track">
          <Progress.Fill class="progress__fill" />
        </Progress.Track>
      </Progress>
      <Show when={props.total > 0 && ready() === props.total}>
        <p class="muted">Everything has arrived; saving it in this browser…</p>
      </Show>
    </div>
  );
}
