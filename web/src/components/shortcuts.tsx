import { Dialog } from '@kobalte/core/dialog';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, onCleanup, type JSX } from 'solid-js';

/** `g` then a letter goes to a view, as in the mail and issue trackers people know. */
export const GO_TO: readonly { key: string; href: string; label: string }[] = [
  { key: 'o', href: '/', label: 'Overview' },
  { key: 'l', href: '/activity', label: 'Activity' },
  { key: 't', href: '/threads', label: 'Threads' },
  { key: 'f', href: '/search', label: 'Search' },
  { key: 'a', href: '/stats', label: 'Stats' },
  { key: 'c', href: '/calls', label: 'Model calls' },
  { key: 'm', href: '/moderation', label: 'Moderation' },
  { key: 's', href: '/settings', label: 'Settings' },
  { key: 'n', href: '/bots/new', label: 'New bot' },
];

/** How long after `g` the second key still counts. */
const CHORD_MS = 1_500;

/** Keys typed into a field are the person's text, never shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'slider';
}

/**
 * The dashboard's keyboard shortcuts: `/` searches (the view's own search field where it has
 * one, else the search view), `g` + letter moves between views, `?` lists them.
 */
export function Shortcuts(): JSX.Element {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  let chordUntil = 0;

  const focusSearch = () => {
    const field = document.querySelector<HTMLInputElement>('main form[role="search"] input');
    if (field) field.focus();
    else {
      navigate('/search');
      // The view renders on the next frames; focus its field once it is there.
      const tryFocus = (left: number) => {
        const next = document.querySelector<HTMLInputElement>('main form[role="search"] input');
        if (next) next.focus();
        else if (left > 0) requestAnimationFrame(() => tryFocus(left - 1));
      };
      requestAnimationFrame(() => tryFocus(60));
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || open()) return;
    if (Date.now() < chordUntil) {
      chordUntil = 0;
      const target = GO_TO.find((g) => g.key === e.key.toLowerCase());
      if (target) {
        e.preventDefault();
        navigate(target.href);
      }
      return;
    }
    if (e.key === 'g') chordUntil = Date.now() + CHORD_MS;
    else if (e.key === '/') {
      e.preventDefault();
      focusSearch();
    } else if (e.key === '?') {
      e.preventDefault();
      setOpen(true);
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));

  return (
    <Dialog open={open()} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <Dialog.Content class="popover dialog">
          <Dialog.Title class="popover__title">Keyboard shortcuts</Dialog.Title>
          <dl class="popover__list shortcut-list">
            <dt>
              <kbd>/</kbd>
            </dt>
            <dd>Search</dd>
            <For each={GO_TO}>
              {(g) => (
                <>
                  <dt>
                    <kbd>g</kbd> <kbd>{g.key}</kbd>
                  </dt>
                  <dd>Go to {g.label}</dd>
                </>
              )}
            </For>
            <dt>
              <kbd>?</kbd>
            </dt>
            <dd>This list</dd>
          </dl>
          <Dialog.CloseButton class="btn btn--ghost btn--sm" aria-label="Close">
            Close
          </Dialog.CloseButton>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog>
  );
}
