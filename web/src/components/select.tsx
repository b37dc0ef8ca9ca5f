import { Select as KSelect } from '@kobalte/core/select';
import type { JSX } from 'solid-js';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  label: string;
  options: readonly SelectOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
  class?: string;
}

export function Select(props: SelectProps): JSX.Element {
  const selected = () => props.options.find((o) => o.value === props.value) ?? null;
  let root: HTMLDivElement | undefined;
  // The list opens in the landmark the select sits in (main), not at the end of <body> where it
  // would be content outside every landmark; it is positioned against the trigger either way.
  const landmark = () => root?.closest('main, [role="dialog"]') ?? undefined;
  return (
    <KSelect<SelectOption>
      ref={root}
      class={`field ${props.class ?? ''}`}
      options={[...props.options]}
      optionValue="value"
      optionTextValue="label"
      value={selected()}
      onChange={(o) => {
        // Kobalte also reports a selection when the options are replaced (a live query answered
        // again); only a different value is a choice the person made.
        if (o && o.value !== props.value) props.onChange(o.value);
      }}
      placeholder={props.placeholder ?? 'Choose…'}
      disabled={props.disabled ?? false}
      disallowEmptySelection
      itemComponent={(item) => (
        <KSelect.Item item={item.item} class="select__item">
          <KSelect.ItemLabel>{item.item.rawValue.label}</KSelect.ItemLabel>
          <KSelect.ItemIndicator class="select__check">✓</KSelect.ItemIndicator>
        </KSelect.Item>
      )}
    >
      <KSelect.Label class="field__label">{props.label}</KSelect.Label>
      <KSelect.Trigger class="select__trigger">
        <KSelect.Value<SelectOption> class="select__value">{(state) => state.selectedOption()?.label}</KSelect.Value>
        <KSelect.Icon class="select__icon" aria-hidden="true">▾</KSelect.Icon>
      </KSelect.Trigger>
      <KSelect.Portal mount={landmark()}>
        <KSelect.Content class="select__content">
          <KSelect.Listbox class="select__listbox" />
        </KSelect.Content>
      </KSelect.Portal>
    </KSelect>
  );
}
