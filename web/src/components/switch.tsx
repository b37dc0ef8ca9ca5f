import { Switch as KSwitch } from '@kobalte/core/switch';
import { Show, type JSX } from 'solid-js';

export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: string;
  disabled?: boolean;
}

export function Switch(props: SwitchProps): JSX.Element {
  return (
    <KSwitch class="switch" checked={props.checked} onChange={props.onChange} disabled={props.disabled ?? false}>
      <KSwitch.Input class="switch__input" />
      <KSwitch.Control class="switch__control">
        <KSwitch.Thumb class="switch__thumb" />
      </KSwitch.Control>
      <KSwitch.Label class="switch__label">{props.label}</KSwitch.Label>
      <Show when={props.description}>
        <KSwitch.Description class="field__description">{props.description}</KSwitch.Description>
      </Show>
    </KSwitch>
  );
}
