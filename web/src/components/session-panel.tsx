import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { createOnline, createSyncState } from '../data';
import { fetchSession, signOut, type SessionState } from '../data/sync';
import { Button } from './button';

/**
 * What is true of this browser's session, in a sentence. `undefined` is still asking; `null`
 * is a server that did not answer (only the server knows whether it has an admin token).
 */
export function sessionSentence(state: SessionState | null | undefined): string {
  if (state === undefined) return 'Asking the server whether this browser is signed in…';
  if (state === null) return "Can't reach the server to ask whether this browser is signed in; this says once it answers.";
  if (state.token_required) {
    return state.can_write
      ? 'Signed in with the admin token: this browser keeps a session cookie for 30 days.'
      : 'Not signed in: this server has an admin token, and changes wait until this browser signs in with it.';
  }
  return state.can_write
    ? 'No sign-in needed: this server has no admin token (CHORUS_ADMIN_TOKEN) and takes changes from its own machine, as this browser is.'
    : 'This server has no admin token (CHORUS_ADMIN_TOKEN), so it takes changes only from its own machine: this browser can watch, not change.';
}

/**
 * Settings' "This browser": what the server says of this browser's session, and a way to end it
 * when there is one. Asked again when the browser comes online and when the sync signs in or out.
 */
export function SessionPanel(): JSX.Element {
  const online = createOnline();
  const sync = createSyncState();
  const asked = () => `${online.online()}:${sync.row()?.phase === 'signed_out'}`;
  const [session] = createResource(asked, () => fetchSession());
  const [message, setMessage] = createSignal<string | undefined>();
  const out = async () => {
    try {
      await signOut();
      // A fresh start: the sync meets the server without a cookie at once and asks to sign in.
      location.reload();
    } catch {
      setMessage('The server cannot be reached; sign out once you are online.');
    }
  };
  // The last answer stays in view while the next is asked for.
  const state = () => (session.state === 'refreshing' ? session.latest : session());
  return (
    <section class="panel" aria-labelledby="session-heading">
      <h2 id="session-heading">This browser</h2>
      <p class="muted" role="status">
        {sessionSentence(state())}
      </p>
      <Show when={state()?.token_required && state()?.can_write}>
        <div>
          <Button size="sm" onClick={() => void out()}>
            Sign out
          </Button>
        </div>
      </Show>
      <Show when={message()}>
        <p class="muted" role="alert">
          {message()}
        </p>
      </Show>
    </section>
  );
}
