import { Alert } from '@kobalte/core/alert';
import { For, Show, type JSX } from 'solid-js';
import type { RejectedEdit } from '../data';

const TYPE_LABELS: Record<string, string> = {
  'bot.update': 'Bot change',
  'bot.create': 'New bot',
  'bot.set_paused': 'Pause/resume',
  'settings.update': 'Settings change',
  'flag.resolve': 'Flag resolution',
};

/** Edits the server refused, with its reason; they have already been undone locally. */
export function RejectedEdits(props: { edits: readonly RejectedEdit[] }): JSX.Element {
  return (
    <Show when={props.edits.length > 0}>
      <Alert class="alert alert--error">
        <strong>Not saved:</strong>
        <ul>
          <For each={props.edits}>
            {(e) => (
              <li>
                {TYPE_LABELS[e.type] ?? e.type}: {e.error ?? 'refused by the server'}
              </li>
            )}
          </For>
        </ul>
      </Alert>
    </Show>
  );
}
