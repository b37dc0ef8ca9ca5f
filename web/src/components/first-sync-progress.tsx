import { Progress } from '@kobalte/core/progress';
import type { JSX } from 'solid-js';

/** Shown on a first visit while the initial sync fills the empty local database. */
export function FirstSyncProgress(props: { ready: number; total: number }): JSX.Element {
  return (
    <div class="first-sync" role="status">
      <h2>Loading the community</h2>
      <p class="muted">The first visit copies the data into this browser; later visits open at once, online or not.</p>
      <Progress
        class="progress"
        value={props.ready}
        minValue={0}
        maxValue={Math.max(props.total, 1)}
        indeterminate={props.total === 0}
        getValueLabel={({ value, max }) => (props.total === 0 ? 'Connecting…' : `${value} of ${max} tables`)}
      >
        <div class="progress__head">
          <Progress.Label class="progress__label">Initial sync</Progress.Label>
          <Progress.ValueLabel class="muted" />
        </div>
        <Progress.Track class="progress__track">
          <Progress.Fill class="progress__fill" />
        </Progress.Track>
      </Progress>
    </div>
  );
}
