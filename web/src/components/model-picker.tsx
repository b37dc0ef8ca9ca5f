import { createSignal, Show, type JSX } from 'solid-js';
import type { ModelChoice } from '../data';
import { fetchProviderModels, fetchProviders, testProviderConnection, type ConnectionTest } from '../data';
import { plural } from '../format';
import { Button } from './button';
import { Select } from './select';

export interface ModelPickerProps {
  provider: string;
  model: string;
  /** Priced models from the local database: offered even offline. */
  priced: readonly ModelChoice[];
  onChange: (choice: { provider?: string; model?: string }) => void;
}

/**
 * Provider and model of a bot, chosen from the providers the server has configured and from each
 * provider's own model list (loaded on request), with a button that tests the connection (does it
 * answer, does the model call tools). Without them, or offline, the lists hold what the local
 * database knows: the priced models and the bot's current one.
 */
export function ModelPicker(props: ModelPickerProps): JSX.Element {
  // Asked of the server only when the person wants them, not on every view of a bot.
  const [configured, setConfigured] = createSignal<string[]>([]);
  const [listed, setListed] = createSignal<{ provider: string; models?: string[]; error?: string; loading?: boolean }>();
  const [test, setTest] = createSignal<{ running: boolean; result?: ConnectionTest; error?: string }>({ running: false });
  const loadModels = async () => {
    const provider = props.provider;
    setListed({ provider, loading: true });
    const [all, models] = await Promise.all([fetchProviders(), fetchProviderModels(provider)]);
    if (all.ok) setConfigured(all.value.map((p) => p.name));
    setListed(models.ok ? { provider, models: models.value.map((m) => m.id) } : { provider, error: models.error });
  };

  const providers = () => [...new Set([...configured(), ...props.priced.map((m) => m.provider), props.provider])].sort();
  const modelsOf = (provider: string) => {
    const live = listed();
    const fromProvider = live?.provider === provider ? (live.models ?? []) : [];
    const priced = props.priced.filter((m) => m.provider === provider);
    const ids = [...new Set([...fromProvider, ...priced.map((m) => m.model), ...(provider === props.provider ? [props.model] : [])])];
    const simulated = new Set(priced.filter((m) => m.simulated).map((m) => m.model));
    return ids.map((id) => ({ value: id, label: simulated.has(id) || provider === 'sim' ? `${id} (simulated)` : id }));
  };

  const runTest = async () => {
    setTest({ running: true });
    const r = await testProviderConnection(props.provider, props.model);
    setTest(r.ok ? { running: false, result: r.value } : { running: false, error: r.error });
  };

  return (
    <>
      <Select
        label="Provider"
        options={providers().map((p) => ({ value: p, label: p }))}
        value={props.provider}
        onChange={async (provider) => {
          if (provider === props.provider) return;
          setTest({ running: false });
          // A provider change must come with one of its models, or the bot would point at a model
          // its provider lacks: a priced one, else the first the provider lists.
          const first = props.priced.find((m) => m.provider === provider)?.model;
          if (first) return props.onChange({ provider, model: first });
          const listing = await fetchProviderModels(provider);
          const ids = listing.ok ? listing.value.map((m) => m.id) : [];
          setListed(listing.ok ? { provider, models: ids } : { provider, error: listing.error });
          props.onChange(ids[0] ? { provider, model: ids[0] } : { provider });
        }}
      />
      <div class="model-picker__model">
        <Select label="Model" options={modelsOf(props.provider)} value={props.model} onChange={(model) => props.onChange({ model })} />
        <Show when={listed()?.provider === props.provider && listed()}>
          {(l) => (
            <p class="muted model-picker__note" role="status">
              {l().loading ? 'Asking the provider…' : l().error ? `Only known models listed: ${l().error}` : `${plural(l().models!.length, 'model')} from ${l().provider}`}
            </p>
          )}
        </Show>
      </div>
      <div class="model-picker__test">
        <Button size="sm" variant="ghost" onClick={loadModels} disabled={listed()?.loading === true}>
          Load the provider's models
        </Button>
        <Button size="sm" onClick={runTest} disabled={test().running}>
          {test().running ? 'Testing…' : 'Test connection'}
        </Button>
        <Show when={test().result}>
          {(r) => (
            <p class={`model-picker__result ${r().reachable && r().tools ? 'is-ok' : 'is-bad'}`} role="status">
              {r().reachable ? '✓ Answers' : '✗ Does not answer'}
              {r().reachable ? (r().tools === true ? ' · calls tools' : r().tools === false ? ' · no tool calls' : '') : ''} ({r().latencyMs} ms). {r().message}
            </p>
          )}
        </Show>
        <Show when={test().error}>
          <p class="model-picker__result is-bad" role="status">{test().error}</p>
        </Show>
      </div>
    </>
  );
}
