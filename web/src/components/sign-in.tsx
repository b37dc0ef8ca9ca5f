import { createSignal, type JSX } from 'solid-js';
import { useDb } from '../data';
import { signIn } from '../data/sync';
import { Button } from './button';
import { TextField } from './text-field';

/**
 * Shown while the server refuses this browser for want of a session. The token goes to the server
 * once, in exchange for an HttpOnly cookie; nothing here keeps it. Local data stays readable and
 * editable meanwhile: edits wait in the outbox.
 */
export function SignIn(): JSX.Element {
  const db = useDb();
  const [token, setToken] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!token().trim()) {
      setError('Enter the admin token.');
      return;
    }
    setBusy(true);
    const failed = await signIn(db, token().trim());
    setBusy(false);
    setError(failed ?? undefined);
    if (!failed) setToken('');
  };
  return (
    <section class="panel sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in to sync</h2>
      <p class="muted">This Chorus server needs its admin token (CHORUS_ADMIN_TOKEN). What is already here stays readable, and edits wait until you sign in.</p>
      <form class="row" onSubmit={submit}>
        <TextField label="Admin token" type="password" value={token()} onChange={setToken} error={error()} />
        <Button type="submit" variant="primary" disabled={busy()}>
          Sign in
        </Button>
      </form>
    </section>
  );
}
