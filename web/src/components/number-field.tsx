import { NumberField as KNumberField } from '@kobalte/core/number-field';
import { Show, type JSX } from 'solid-js';

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  /** Called on blur or Enter with a finite number, or undefined when the field was emptied. */
  onCommit: (value: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  format?: Intl.NumberFormatOptions;
  description?: string;
  error?: string | undefined;
  disabled?: boolean;
}

export function NumberField(props: NumberFieldProps): JSX.Element {
  // Only what the person typed is committed; a value arriving from sync is not an edit.
  let typed = false;
  let pending: number | undefined;
  const commit = () => {
    if (!typed) return;
    typed = false;
    const v = pending !== undefined && Number.isFinite(pending) ? pending : undefined;
    if (v !== props.value) props.onCommit(v);
  };
  return (
    <KNumberField
      class="field"
      rawValue={props.value}
      onRawValueChange={(v) => {
        typed = true;
        pending = v;
      }}
      minValue={props.min}
      maxValue={props.max}
      step={props.step ?? 1}
      formatOptions={props.format ?? { useGrouping: false, maximumFractionDigits: 6 }}
      validationState={props.error ? 'invalid' : 'valid'}
      disabled={props.disabled ?? false}
    >
      <KNumberField.Label class="field__label">{props.label}</KNumberField.Label>
      <div class="number">
        <KNumberField.Input
          class="field__input number__input"
          onBlur={commit}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </div>
      <Show when={props.description}>
        <KNumberField.Description class="field__description">{props.description}</KNumberField.Description>
      </Show>
      <KNumberField.ErrorMessage class="field__error">{props.error}</KNumberField.ErrorMessage>
    </KNumberField>
  );
}
