import { For, Show, type JSX } from 'solid-js';
import type { UsagePeriod } from '../data';
import { formatTokens, formatUsd, plural } from '../format';

export function UsageSummary(props: { periods: readonly UsagePeriod[]; ready: boolean }): JSX.Element {
  return (
    <Show when={props.ready} fallback={<p class="muted">Loading usage…</p>}>
      <div class="stats-row">
        <For each={props.periods}>
          {(p) => (
            <div class="stat" role="group" aria-label={`Usage ${p.label}`}>
              <div class="stat__label">{p.label}</div>
              <div class="stat__value">{formatTokens(p.tokens)}</div>
              <div class="muted">
                {p.tokens === 1 ? 'token' : 'tokens'} · {formatUsd(p.cost_usd)} · {plural(p.calls, 'call')}
              </div>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
}
