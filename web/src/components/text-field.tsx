import { TextField as KTextField } from '@kobalte/core/text-field';
import { createEffect, createSignal, on, Show, type JSX } from 'solid-js';

export interface TextFieldProps {
  label: string;
  value: string;
  /** Every keystroke (search fields filter as you type). */
  onChange?: (value: string) => void;
  /** Commit point for edits that write (blur or Enter), so typing is not one mutation per key. */
  onCommit?: (value: string) => void;
  description?: string;
  error?: string | undefined;
  multiline?: boolean;
  type?: 'text' | 'search' | 'email' | 'url' | 'password';
  placeholder?: string;
  required?: boolean;
  maxLength?: number;
  class?: string;
  name?: string;
}

/**
 * A labelled text input. It keeps its own draft so typing is never fought by the live data under
 * it; a new value from the database replaces the draft only when that value actually changes.
 */
export function TextField(props: TextFieldProps): JSX.Element {
  const [draft, setDraft] = createSignal(props.value);
  createEffect(on(() => props.value, (v) => setDraft(v), { defer: true }));
  const commit = () => {
    if (draft() !== props.value) props.onCommit?.(draft());
  };
  return (
    <KTextField
      class={`field ${props.class ?? ''}`}
      value={draft()}
      onChange={(v) => {
        setDraft(v);
        props.onChange?.(v);
      }}
      validationState={props.error ? 'invalid' : 'valid'}
      required={props.required ?? false}
      name={props.name ?? ''}
    >
      <KTextField.Label class="field__label">{props.label}</KTextField.Label>
      <Show
        when={props.multiline}
        fallback={
          <KTextField.Input
            class="field__input"
            type={props.type ?? 'text'}
            placeholder={props.placeholder ?? ''}
            maxLength={props.maxLength}
            onBlur={commit}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter') commit();
            }}
          />
        }
      >
        <KTextField.TextArea class="field__input field__input--multi" autoResize maxLength={props.maxLength} onBlur={commit} />
      </Show>
      <Show when={props.description}>
        <KTextField.Description class="field__description">{props.description}</KTextField.Description>
      </Show>
      <KTextField.ErrorMessage class="field__error">{props.error}</KTextField.ErrorMessage>
    </KTextField>
  );
}
