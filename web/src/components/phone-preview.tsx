import { createSignal, Show, type JSX } from 'solid-js';
import { plural } from '../format';

/** How many items a collapsed preview shows; app.css ("phone previews") hides the rest. */
export const PHONE_PREVIEW_ITEMS = 5;

export interface PhonePreviewProps {
  /** How many items the list holds, for the button's words. */
  total: number;
  /** What an item is, singular ("entry"), and its plural when it is not just an added s. */
  noun: string;
  nouns?: string;
  /** The list: its direct `ol`/`ul` child is what gets shortened. */
  children: JSX.Element;
}

/**
 * A long list on a phone shows its first few items and a button for the rest, so what comes
 * after it on the page is a short scroll away. Wider screens show every item and no button: the
 * width is the stylesheet's to judge, so there is no second notion of "phone" here.
 */
export function PhonePreview(props: PhonePreviewProps): JSX.Element {
  const [expanded, setExpanded] = createSignal(false);
  return (
    <div class="phone-preview" data-expanded={expanded() ? '' : undefined}>
      {props.children}
      <Show when={props.total > PHONE_PREVIEW_ITEMS}>
        <button type="button" class="btn btn--ghost btn--sm phone-preview__toggle" aria-expanded={expanded()} onClick={() => setExpanded(!expanded())}>
          {expanded() ? `Show the first ${PHONE_PREVIEW_ITEMS} only` : `Show all ${plural(props.total, props.noun, props.nouns)}`}
        </button>
      </Show>
    </div>
  );
}
