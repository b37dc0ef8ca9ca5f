import { Alert } from '@kobalte/core/alert';
import { For, Show, type JSX } from 'solid-js';
import type { RejectedEdit } from '../data';
import { Button } from './button';

const TYPE_LABELS: Record<string, string> = {
  'bot.update_config': 'Bot change',
  'bot.set_caps': 'Cap change',
  'bot.create': 'New bot',
  'bot.set_paused': 'Pause/resume',
  'settings.update': 'Settings change',
  'flag.resolve': 'Flag resolution',
};

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
                {TYPE_LABELS[e.type] ?? e.type}: {e.error ?? 'refused by the server'}{' '}
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
