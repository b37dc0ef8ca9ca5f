import { createSignal, For, Show, type JSX } from 'solid-js';
import { Button } from '../components/button';
import { NumberField } from '../components/number-field';
import { PageTitle } from '../components/page-title';
import { Select } from '../components/select';
import { SessionPanel } from '../components/session-panel';
import { Switch } from '../components/switch';
import { createSettings, exportTable, PACE_PRESETS, useDb, type ExportFormat, type ExportTable, type Pace } from '../data';
import { InvalidEditError, useActions, type SettingsEdit } from '../data/actions';

const EXPORTS: readonly { table: ExportTable; label: string }[] = [
  { table: 'threads', label: 'Threads' },
  { table: 'activity', label: 'Activity' },
  { table: 'bots', label: 'Bots' },
];

export default function Settings(): JSX.Element {
  const settings = createSettings();
  const actions = useActions();
  const db = useDb();
  const [error, setError] = createSignal<{ field: string; message: string } | undefined>();
  const save = (changes: SettingsEdit) =>
    actions.updateSettings(changes).then(
      () => setError(undefined),
      (err: unknown) => setError({ field: err instanceof InvalidEditError ? err.field : 'form', message: err instanceof Error ? err.message : String(err) }),
    );
  const download = async (table: ExportTable, format: ExportFormat) => {
    const blob = await exportTable(db, table, format);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `chorus-${table}-${new Date().toISOString().slice(0, 10)}.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const paceOptions = [...PACE_PRESETS.map((p) => ({ value: p.pace, label: p.label })), { value: 'custom', label: 'Custom interval' }];
  return (
    <div class="stack">
      <PageTitle>Settings</PageTitle>
      <h1>Settings</h1>
      <Show when={settings.row()} fallback={<p class="muted">{settings.ready() ? 'Settings have not synced yet.' : 'Loading…'}</p>}>
        {(s) => (
          <>
            <section class="panel" aria-labelledby="orchestrator-heading">
              <h2 id="orchestrator-heading">Orchestrator</h2>
              <div class="form-grid">
                <Switch
                  label="Pause every bot"
                  description="Stops all heartbeats until turned off; each bot keeps its own pause setting."
                  checked={s().orchestrator_paused}
                  onChange={(orchestrator_paused) => void save({ orchestrator_paused })}
                />
                <Select
                  label="Pace"
                  options={paceOptions}
                  value={s().pace}
                  onChange={(v) => {
                    const pace = v as Pace;
                    // Custom needs an interval (a database check); start from the current one.
                    void save(pace === 'custom' ? { pace, pace_custom_seconds: s().pace_custom_seconds ?? 3600 } : { pace });
                  }}
                />
                <Show when={s().pace === 'custom'}>
                  <NumberField
                    label="Interval (seconds)"
                    value={s().pace_custom_seconds ?? 3600}
                    min={10}
                    max={604800}
                    error={error()?.field === 'pace_custom_seconds' ? error()?.message : undefined}
                    onCommit={(v) => v !== undefined && void save({ pace_custom_seconds: v })}
                  />
                </Show>
              </div>
            </section>
            <section class="panel" aria-labelledby="caps-heading">
              <h2 id="caps-heading">Default daily caps</h2>
              <p class="muted">Used by every bot without a custom cap. Days are UTC.</p>
              <div class="form-grid">
                <NumberField
                  label="Tokens per bot per day"
                  value={s().default_daily_token_cap}
                  min={0}
                  step={1000}
                  error={error()?.field === 'default_daily_token_cap' ? error()?.message : undefined}
                  onCommit={(v) => v !== undefined && void save({ default_daily_token_cap: v })}
                />
                <NumberField
                  label="USD per bot per day"
                  value={s().default_daily_usd_cap}
                  min={0}
                  step={0.1}
                  error={error()?.field === 'default_daily_usd_cap' ? error()?.message : undefined}
                  onCommit={(v) => v !== undefined && void save({ default_daily_usd_cap: v })}
                />
              </div>
            </section>
          </>
        )}
      </Show>
      <Show when={error()?.field === 'form'}>
        <p class="field__error" role="alert">
          {error()?.message}
        </p>
      </Show>
      <section class="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p class="muted">Exports come from this browser's copy, so they work offline and are as fresh as the last sync.</p>
        <div class="stack">
          <For each={EXPORTS}>
            {(e) => (
              <div class="row">
                <span style={{ 'min-width': '6rem' }}>{e.label}</span>
                <Button size="sm" onClick={() => void download(e.table, 'json')} aria-label={`Export ${e.label} as JSON`}>
                  JSON
                </Button>
                <Button size="sm" onClick={() => void download(e.table, 'csv')} aria-label={`Export ${e.label} as CSV`}>
                  CSV
                </Button>
              </div>
            )}
          </For>
        </div>
      </section>
      <SessionPanel />
    </div>
  );
}
