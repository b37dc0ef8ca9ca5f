import type { JSX } from 'solid-js';

/**
 * "Skip to content" for keyboard users. The router takes over clicks on same-origin anchors
 * (it only scrolls to a hash), so the browser never moves focus to the target; this link moves
 * it itself, and the next Tab continues from there. The target needs tabindex="-1".
 */
export function SkipLink(props: { target: string; children: JSX.Element }): JSX.Element {
  const skip = (e: MouseEvent) => {
    const target = document.getElementById(props.target);
    if (!target) return;
    // Handled here, so the router (listening on the document) leaves it alone.
    e.preventDefault();
    target.focus();
  };
  return (
    <a class="skip-link" href={`#${props.target}`} on:click={skip}>
      {props.children}
    </a>
  );
}
