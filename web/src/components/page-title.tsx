import { createEffect, onCleanup } from 'solid-js';

/** Sets the document title while the page is shown, so history and tabs name the view. */
export function PageTitle(props: { children: string }): null {
  createEffect(() => {
    const previous = document.title;
    document.title = props.children ? `${props.children} · Chorus` : 'Chorus';
    onCleanup(() => {
      document.title = previous;
    });
  });
  return null;
}
