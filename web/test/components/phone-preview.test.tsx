import { fireEvent, render, screen } from '@solidjs/testing-library';
import { For } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { PHONE_PREVIEW_ITEMS, PhonePreview } from '../../src/components/phone-preview';

// Which items hide is the stylesheet's (a media query happy-dom does not apply): this checks the
// button and the state the CSS reads; e2e/phone.e2e.ts checks what a phone shows.
describe('PhonePreview', () => {
  const list = (n: number) => (
    <PhonePreview total={n} noun="entry" nouns="entries">
      <ol>
        <For each={Array.from({ length: n }, (_, i) => i)}>{(i) => <li>item {i}</li>}</For>
      </ol>
    </PhonePreview>
  );

  it('offers the rest of a long list by its count, and says it is open', () => {
    const { container } = render(() => list(12));
    const button = screen.getByRole('button', { name: 'Show all 12 entries' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.phone-preview')!.hasAttribute('data-expanded')).toBe(false);
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent).toBe(`Show the first ${PHONE_PREVIEW_ITEMS} only`);
    expect(container.querySelector('.phone-preview')!.hasAttribute('data-expanded')).toBe(true);
    // Every item stays in the document: a wide screen shows them all.
    expect(container.querySelectorAll('li').length).toBe(12);
  });

  it('has no button when the list is short already', () => {
    render(() => list(PHONE_PREVIEW_ITEMS));
    expect(screen.queryByRole('button')).toBeNull();
  });
});
