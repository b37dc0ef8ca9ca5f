import { Alert } from '@kobalte/core/alert';
import { For, Show, type JSX } from 'solid-js';
import type { RejectedEdit } from '../data';
import { Button } from './button';
import { editLabel } from './edit-labels';


/** Edits the server refused, with its reason; they have already been undone locally. */
export function RejectedEdits(props: { edits: readonly RejectedEdit[]; onDismiss: (id: string) => void }): JSX.Element {
  return (
    <Show when={props.edits.length > 0}>
      <Alert class="alert alert--error">
        <strong>Not saved:</strong>
        <ul>
          <For each={props.edits}>
            {(e) => (
              <li>
                {editLabel(e.type)}: {e.error ?? 'refused by the server'}{' '}
                <Button size="sm" variant="ghost" onClick={() => props.onDismiss(e.id)} aria-label={`Dismiss: ${e.error ?? 'refused change'}`}>
                  Dismiss
                </Button>
              </li>
            )}
          </For>
        </ul>
      </Alert>
    </Show>
  );
}
