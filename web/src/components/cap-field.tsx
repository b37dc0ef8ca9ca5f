import { Show, type JSX } from 'solid-js';
import { Button } from './button';
import { NumberField } from './number-field';

export interface CapFieldProps {
  label: string;
  /** The bot's own cap, or null when it uses the global default. */
  value: number | null;
  defaultValue: number;
  format: (value: number) => string;
  step?: number;
  /** Whole tokens vs fractional dollars. */
  fractional?: boolean;
  onCommit: (value: number | null) => void;
  error?: string | undefined;
}

/**
 * A daily cap that is either "default" (follows the global setting) or "custom" (the bot's own
 * number). Customising starts from the current default; "Use default" sets it back to null.
 */
export function CapField(props: CapFieldProps): JSX.Element {
  const isCustom = () => props.value !== null;
  return (
    <div class="cap-field" role="group" aria-label={props.label}>
      <Show
        when={isCustom()}
        fallback={
          <>
            <span class="field__label">{props.label}</span>
            <span>
              {props.format(props.defaultValue)} <span class="cap-field__mode">(default)</span>
            </span>
            <Button size="sm" onClick={() => props.onCommit(props.defaultValue)}>
              Set a custom cap
            </Button>
          </>
        }
      >
        <NumberField
          label={props.label}
          value={props.value ?? undefined}
          min={0}
          step={props.step ?? 1}
          format={props.fractional ? { useGrouping: false, maximumFractionDigits: 6 } : { useGrouping: false, maximumFractionDigits: 0 }}
          description={`Custom · the default is ${props.format(props.defaultValue)}`}
          error={props.error}
          onCommit={(v) => {
            // An emptied field means "no custom value": fall back to the default rather than 0.
            props.onCommit(v === undefined ? null : v);
          }}
        />
        <Button size="sm" variant="ghost" onClick={() => props.onCommit(null)}>
          Reset to default
        </Button>
      </Show>
    </div>
  );
}
