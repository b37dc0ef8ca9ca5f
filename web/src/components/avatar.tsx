import type { JSX } from 'solid-js';

/** The first letter of a name on the bot's colour; text colour picked for contrast. */
export function initialOf(name: string): string {
  const first = name.trim().codePointAt(0);
  return first === undefined ? '?' : String.fromCodePoint(first).toUpperCase();
}

/** Black or white, whichever reads better on the given #rrggbb (WCAG relative luminance). */
export function textColorOn(hex: string): '#000' | '#fff' {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#fff';
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000' : '#fff';
}

/** Decorative: the bot's name is always written next to it, so screen readers skip it. */
export function Avatar(props: { name: string; color: string; size?: 'sm' | 'md' | 'lg' }): JSX.Element {
  return (
    <span
      class={`avatar avatar--${props.size ?? 'md'}`}
      style={{ 'background-color': props.color, color: textColorOn(props.color) }}
      aria-hidden="true"
    >
      {initialOf(props.name)}
    </span>
  );
}
