import { Toast, toaster } from '@kobalte/core/toast';
import { createEffect, onCleanup, Show, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import { createEditProgress, createOnline, type EditProgress } from '../data';
import { onEdit, type Edit } from '../data/actions';

/** How long an edit's notice, and with it its undo, stays up once it has something to tell. */
const NOTICE_MS = 8_000;

/**
 * A short notice for every edit this page makes: that it was saved (or kept here while offline,
 * or refused, and why), with Undo while it is up. Undo queues the inverse edit like any other.
 */
export function EditNotices(): JSX.Element {
  const network = createOnline();
  onCleanup(onEdit((edit) => toaster.show((p) => <EditNotice toastId={p.toastId} edit={edit} online={network.online} />)));
  return (
    <Portal>
      <Toast.Region limit={3} aria-label="Edits">
        <Toast.List class="notices" />
      </Toast.Region>
    </Portal>
  );
}

function said(progress: EditProgress, online: boolean, error: string | null): string {
  switch (progress) {
    case 'saved':
      return 'Saved';
    case 'refused':
      return `Refused: ${error ?? 'the server did not accept it'}`;
    case 'sent':
      return 'Saving…';
    case 'queued':
      return online ? 'Saving…' : 'Kept in this browser; sent when you are back online';
  }
}

function EditNotice(props: { toastId: number; edit: Edit; online: () => boolean }): JSX.Element {
  const state = createEditProgress(props.edit.mutationIds);
  // Up while the edit is on its way (a slow server must not make "Saving…" the last word), then
  // a few seconds once it is saved, refused, or kept here offline.
  const settled = () => state.progress() === 'saved' || state.progress() === 'refused' || (state.progress() === 'queued' && !props.online());
  createEffect(() => {
    if (!settled()) return;
    const timer = setTimeout(() => toaster.dismiss(props.toastId), NOTICE_MS);
    onCleanup(() => clearTimeout(timer));
  });
  const undo = async () => {
    toaster.dismiss(props.toastId);
    await props.edit.undo?.();
  };
  return (
    <Toast toastId={props.toastId} persistent class="notice" classList={{ 'notice--refused': state.progress() === 'refused' }}>
      <div class="notice__text">
        <Toast.Title class="notice__title">{props.edit.label}</Toast.Title>
        <Toast.Description class="notice__note">{said(state.progress(), props.online(), state.error())}</Toast.Description>
      </div>
      <Show when={props.edit.undo && state.progress() !== 'refused'}>
        <button type="button" class="btn btn--ghost btn--sm" onClick={() => void undo()}>
          Undo
        </button>
      </Show>
      <Toast.CloseButton class="btn btn--ghost btn--sm" aria-label="Close">
        ×
      </Toast.CloseButton>
    </Toast>
  );
}
