import { ToggleGroup } from '@kobalte/core/toggle-group';
import { For, type JSX } from 'solid-js';

export interface SegmentedProps {
  label: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}

/** A one-of-few choice (period, open/resolved) as a row of toggle buttons that never empties. */
export function Segmented(props: SegmentedProps): JSX.Element {
  return (
    <ToggleGroup
      class="segmented"
      aria-label={props.label}
      value={props.value}
      onChange={(v) => {
        if (v) props.onChange(v);
      }}
    >
      <For each={props.options}>
        {(o) => (
          <ToggleGroup.Item class="segmented__item" value={o.value}>
            {o.label}
          </ToggleGroup.Item>
        )}
      </For>
    </ToggleGroup>
  );
}
