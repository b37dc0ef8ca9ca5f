import { onMount, type JSX } from 'solid-js';
import { Button } from './button';

const CHUNK_ERROR = /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;
const RELOADED_KEY = 'chorus.chunk-reload';

/**
 * What a view shows when it throws. A view's code arrives as a lazily loaded chunk; when that
 * fetch fails (a flaky network, or a deployment that replaced the chunk), the browser remembers
 * the failure for the page's life, so a retry in place cannot work: the page reloads once.
 */
export function ViewFailed(props: { error: unknown }): JSX.Element {
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));
  onMount(() => {
    if (!CHUNK_ERROR.test(message())) return;
    const last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    if (Date.now() - last < 30_000) return; // reloaded just now: show the error instead of looping
    sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
    location.reload();
  });
  return (
    <div role="alert" class="panel stack">
      <p>This view failed: {message()}</p>
      <div>
        <Button onClick={() => location.reload()}>Reload</Button>
      </div>
    </div>
  );
}
